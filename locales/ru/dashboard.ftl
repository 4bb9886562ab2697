action-done = выполнено: { $action }
action-did-not = отказ — { $action }: { $why }
action-could-not = не удалось — { $action }: { $why }
action-presses-dropped = (ещё { $count } { $count ->
        [one] нажатие отброшено
        [few] нажатия отброшены
        [many] нажатий отброшено
       *[other] нажатия отброшены
    })
action-no-statefulset = нет StatefulSet для действия
action-statefulset-deleted = { $name } удалён: масштабировать нечего
action-already-zero = у { $name } уже 0 реплик
action-above-limit = { $count } { $count ->
        [one] реплика
        [few] реплики
        [many] реплик
       *[other] реплики
    } — больше предела { $limit } (max_replicas в файле конфигурации)
action-no-pod-to-delete = у { $ordinal } сейчас нет пода, удалять нечего
action-no-pod-for-shell = у { $ordinal } сейчас нет пода для shell
action-already-deleting = { $pod } уже удаляется
action-not-running = { $pod } ещё не запущен: shell открыть нельзя
action-replay = это запись: действиям нужен живой кластер
action-no-cluster = кластер не подключён: действиям нужен живой кластер
replicas-empty = введите целое число от 0 до { $limit }
replicas-not-a-number = "{ $input }" — не целое число (от 0 до { $limit })
replicas-below-zero = { $count } меньше 0: реплик может быть от 0 до { $limit }
replicas-above-limit = { $count } больше предела { $limit } (max_replicas в файле конфигурации)
keys-scale-cancelled = масштабирование отменено: ничего не изменилось
keys-kept = { $pod } оставлен: ничего не удалено
keys-read-only = только чтение (--read-only или read_only в файле конфигурации): stsdash ничего не меняет
keys-nothing-to-choose = { $count ->
        [one] в поле зрения { $count } StatefulSet
        [few] в поле зрения { $count } StatefulSet
        [many] в поле зрения { $count } StatefulSet
       *[other] в поле зрения { $count } StatefulSet
    }: выбирать не из чего
keys-replay-only = пробел . , [ ] управляют записью (stsdash replay FILE)
