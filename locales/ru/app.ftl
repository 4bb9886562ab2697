app-terminal-error = терминал: { $error }
app-log-file-error = файл лога: { $error }
app-sync-timeout = полной синхронизации нет за { $seconds } с: { $reason }
app-server-slow = API-сервер медленно отвечает
app-namespace-missing = неймспейса { $namespace } не существует
app-summary-context = контекст:
app-summary-server = сервер:
app-summary-proxy = прокси:
app-summary-version = версия:
app-summary-namespace = неймспейс:
app-no-statefulsets = в неймспейсе { $namespace } нет StatefulSet
app-summary-statefulset = statefulset: { $name } готово { $ready }/{ $desired }
app-dump-watching = синхронизировано; наблюдаю { $duration } (Ctrl-C — напечатать дамп сейчас)
app-dump-timings = первый полный список: { $count } { $count ->
        [one] под
        [few] пода
        [many] подов
       *[other] пода
    } за { $list_ms } мс; представления и вывод за { $views_ms } мс
app-cannot-start = не удаётся запуститься: { $error }
app-config-error = конфиг { $file }, строка { $line }: { $reason }
app-recording-open = не удаётся открыть запись { $path }: { $error }
app-recording-write = не удаётся записать запись { $path }: { $error }
app-recording-empty = запись { $path } пуста
app-not-a-recording = { $path } — не запись stsdash (строка 1: { $reason })
app-recording-newer-format = запись { $path } в формате { $found }, её сделал { $writer }; этот stsdash читает формат { $reads }
app-recording-bad-line = запись { $path }, строка { $line }: { $reason }
app-recording-format-is = формат { $format }
app-recording-cut-short = строка обрывается (запись обрезана?)
app-recording-unknown-variant = { $error } (записано более новым stsdash?)
app-recording-line-too-long = строка длиннее { $mib } МиБ: это не запись stsdash
app-recording-not-utf8 = строка не в UTF-8
app-replay = воспроизведение { $name } · событие { $event }/{ $events } · { $state }
app-replay-end = конец
app-replay-paused = пауза
app-shell-opened = stsdash: оболочка в { $namespace }/{ $pod } ({ $container }). Наберите exit или нажмите Ctrl-D, чтобы вернуться к панели.
app-shell-exited = { $shell } завершилась
app-shell-exited-with = { $shell } завершилась с кодом { $code }
app-shell-stopped = остановлена
