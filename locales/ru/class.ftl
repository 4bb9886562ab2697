class-no-students = студентов пока нет
class-none-readable = ни один неймспейс студентов не читается
class-all-finished = все { $count } закончили
class-past-step = { $past } из { $count } { $past ->
        [one] прошёл
        [few] прошли
        [many] прошли
       *[other] прошли
    } шаг { $step }
class-stuck-on-step = { $count } { $count ->
        [one] застрял
        [few] застряли
        [many] застряли
       *[other] застряли
    } на шаге { $step }
class-on-step = { $count } на шаге { $step }
class-stuck-steps = { $count } { $count ->
        [one] застрял
        [few] застряли
        [many] застряли
       *[other] застряли
    } ({ $steps })
class-finished = { $count } { $count ->
        [one] закончил
        [few] закончили
        [many] закончили
       *[other] закончили
    }
class-not-permitted = { $count } без прав
class-summary-separator = {"; "}
class-which-namespaces = какие неймспейсы принадлежат студентам? -l SELECTOR (метки неймспейсов) или --prefix PREFIX
class-per-namespace = каждый неймспейс студента наблюдается отдельно: этому пользователю нельзя list { $kinds } по всему кластеру
class-title = класс · { $name } · { $title }
class-namespace-not-permitted = { $namespace }: нет прав читать этот неймспейс
class-no-namespace-yet = неймспейсов студентов пока нет
class-zoomed = { $namespace }, { $mode } · Esc: назад к классу
class-mode-actions = действия разрешены
class-mode-read-only = только чтение
class-connecting = подключение…
class-reconnecting = переподключение: { $error }
class-sort-progress = прогресс
class-sort-name = имя
class-head-student = студент
class-head-step = шаг
class-head-on = время
class-head-waiting = ждёт
class-rows = строки { $first }–{ $last } из { $count }
class-on = вкл
class-off = выкл
class-keys = ↑↓ выбор · Enter открыть · s порядок: { $sort } · ! застрявшие сверху: { $stuck_first } · q выход
class-row-not-permitted = нет прав: { $message }
class-done = всё
class-every-step-done = все шаги пройдены
class-detail-not-permitted = { $namespace }: нет прав читать этот неймспейс ({ $message })
class-detail-finished = { $namespace } · все шаги пройдены
class-stuck-for = застрял на { $duration }
class-on-it-warning = { $duration } на шаге, есть предупреждение
class-on-it = { $duration } на шаге
class-detail = { $namespace } · шаг { $step } из { $count } · { $title } · { $stuck } · ждёт: { $waiting }
