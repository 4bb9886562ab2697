header-connecting = { $spinner } подключение
header-synced = ● синхронизировано
header-reconnecting = { $spinner } переподключение уже { $age }
header-data-as-of = данные { $age } назад · { $down }
header-all-namespaces = все неймспейсы
header-namespace = ns { $namespace }
header-statefulset = sts { $name }
header-deleted = удалён
header-service = сервис { $name } ({ $kind ->
        [headless] headless
        [not-headless] не headless
       *[missing] не найден
    })
header-no-service-name = нет serviceName (нет стабильных DNS-имён)
header-replicas = реплики: нужно { $desired } · есть { $current } · готово { $ready }
header-available = доступно { $count }
header-updated = обновлено { $count }
header-requested = → запрошено { $to }
header-rolling-back = откат: ревизия { $from } → { $to }
header-revision-change = ревизия { $from } → { $to }
header-revision = ревизия { $revision }
header-paused = ⏸ пауза
