lesson-strip-title = урок { $name } · шаг { $step } из { $count } · { $title }
lesson-keys-recap = Enter итоги · q выход
lesson-keys-replay = a ответ · пробел пауза
lesson-keys-answer-next = a ответ · Enter дальше
lesson-keys-next = Enter дальше
lesson-keys-do = Enter выполнить
lesson-keys-skip = Enter Enter пропустить
lesson-keys-when-done = Enter когда готово
lesson-label-do = делаем
lesson-label-run = команда
lesson-label-same-as = то же
lesson-label-applies = создаёт
lesson-label-output = вывод
lesson-label-failed = ошибка
lesson-label-watch = смотрим
lesson-label-note = заметка
lesson-label-done = готово
lesson-label-then = затем
lesson-label-waiting = ждём
lesson-label-answer = ответ
lesson-act-apply = применить { $file } (server-side apply, field manager stsdash)
lesson-act-scale = масштабировать { $statefulset } до { $replicas } { $replicas ->
        [one] реплики
        [few] реплик
        [many] реплик
       *[other] реплики
    }
lesson-act-delete = удалить { $kind ->
        [pod] под
        [claim] заявку
        [statefulset] StatefulSet
       *[service] сервис
    } { $name }
lesson-act-exec = выполнить в { $pod }: { $command }
lesson-act-yourself = сделайте сами
lesson-act-watch = делать ничего не нужно: смотрите
lesson-act-by-hand = сделайте сами: { $act }
lesson-act-with-keys = { $act } · клавиши { $keys }
lesson-keys-delete-pod = выберите { $name }, d, y
lesson-keys-exec = выберите { $pod }, e, затем команду
lesson-then = затем ждём: { $conditions }
lesson-waiting = { $seconds } с: { $conditions }
lesson-answer-at = смотрите — { $place }: { $answer }
lesson-place = { $pane ->
        [header] заголовок
        [timeline] временная шкала
        [storage] хранилище
        [narration] рассказ контроллеров
       *[logs] логи
    }
lesson-place-row = { $pane ->
        [timeline] временная шкала
        [storage] хранилище
       *[logs] логи
    }, строка { $row }
lesson-waiting-now = { $condition } (сейчас { $now })
lesson-waiting-nothing = ничего
lesson-say-replay = записанный урок: шаги идут по записи (a — ответы)
lesson-say-doing = { $act }: ждём ответа кластера
lesson-say-skip = всё ещё ждём: { $conditions }. Ещё раз Enter — пропустить шаг
lesson-say-student-waits = шаг закончится, когда это покажет кластер: ждём { $conditions }
lesson-say-no-question = на этом шаге нет вопроса
lesson-say-answer-later = ответ будет, когда шаг выполнится (Enter пропускает его)
lesson-recap-title = итоги · { $title }
lesson-recap-keys = j/k прокрутка · q выход · Esc закрыть
lesson-recap-seen = ответ просмотрен
lesson-recap-skipped = пропущен
lesson-recap-not-revealed = ответ не открыт
lesson-condition-pod = { $name } { $state ->
        [ready] Ready
        [running] Running
        [pending] Pending
        [terminating] Terminating
        [gone] удалён
       *[replaced] заменён (Ready с новым UID)
    }
lesson-condition-claim = заявка { $name } { $state ->
        [bound] Bound
        [pending] Pending
        [terminating] Terminating
        [kept] сохранена без пода
        [used] используется подом
       *[gone] удалена
    }
lesson-condition-volume = том { $name } { $state ->
        [available] Available
        [bound] Bound
        [released] Released
       *[gone] удалён
    }
lesson-condition-volume-of = том заявки { $claim } { $state ->
        [available] Available
        [bound] Bound
        [released] Released
       *[gone] удалён
    }
lesson-condition-set-ready = { $name }: готово { $count } из { $count }
lesson-condition-set-updated = { $name }: обновлено { $count }
lesson-condition-set-rolled-out = { $name }: rolling update завершён
lesson-condition-set-gone = StatefulSet { $name } удалён
lesson-now-same-uid = { $phase } (тот же UID)
lesson-now-new-uid = { $phase } (новый UID)
lesson-now-no-pod = такого пода нет
lesson-now-no-claim = такой заявки нет
lesson-now-claim-unused = { $phase }, без пода
lesson-now-claim-used = { $phase }, используют { $pods }
lesson-now-no-volume = такого тома нет
lesson-now-no-statefulset = такого StatefulSet нет
lesson-now-statefulset = нужно { $desired }, готово { $ready }, обновлено { $updated }
lesson-plan-cluster-wide = { $kind } { $name } (на весь кластер)
