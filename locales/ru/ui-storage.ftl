storage-title = Хранилище
storage-title-retention = Хранилище · хранение заявок: whenScaled { $scaled } / whenDeleted { $deleted }
storage-line = Хранилище: { $summary }
storage-summary = { $claims } { $claims ->
        [one] заявка
        [few] заявки
        [many] заявок
       *[other] заявки
    } ({ $phases }) · { $volumes } { $volumes ->
        [one] том
        [few] тома
        [many] томов
       *[other] тома
    }
storage-summary-tab = { $claims } { $claims ->
        [one] заявка
        [few] заявки
        [many] заявок
       *[other] заявки
    } ({ $phases }) · { $volumes } { $volumes ->
        [one] том
        [few] тома
        [many] томов
       *[other] тома
    } · Tab — показать
storage-phase-gone = { $count } { $count ->
        [one] удалена
        [few] удалены
        [many] удалены
       *[other] удалены
    }
storage-no-claims = нет заявок: у StatefulSet нет volumeClaimTemplates, и в поле зрения нет ни заявок, ни томов
storage-facts-hint = ▸ подробности: Tab
storage-more-rows = ещё { $count }{ $plus } { $count ->
        [one] строка
        [few] строки
        [many] строк
       *[other] строки
    }: { $key }
storage-head-pods = Поды
storage-head-claims-namespace = Заявки · неймспейс { $namespace }
storage-head-claims-ns = Заявки · ns { $namespace }
storage-head-claims-namespaced = Заявки · в неймспейсе
storage-head-claims = Заявки
storage-head-volumes = Тома
storage-head-classes = Классы
storage-head-cluster = кластер
storage-legend-rwo = RWO ReadWriteOnce: один узел за раз
storage-legend-dyn = { $abbrev } создан для заявки провизионером
storage-legend-static = { $abbrev } создан вручную
storage-legend-rwx = RWX ReadWriteMany
storage-legend-rox = ROX ReadOnlyMany
storage-deleted = удалена
storage-not-created = не создана
storage-kept-no-pod = сохранена, без пода
storage-held = держит pvc-protection
storage-no-claim = нет заявки:
storage-claim-deleted = { $claim } удалена
storage-reserved-for = зарезервирован для
storage-no-claim-yet = заявки пока нет
storage-dyn = дин
storage-static = стат
storage-pinned-to = привязан к { $node }
storage-node-affinity = привязка к узлу
storage-volumes-not-permitted = тома: нет доступа
storage-no-volume-yet = тома пока нет
storage-default-mark = (по умолчанию)
storage-classes-not-permitted = классы: нет доступа
storage-no-class = (без класса)
storage-reclaim = reclaim { $policy }
storage-expandable = расширяемый
storage-not-expandable = не расширяемый
storage-list-separator = {", "}
storage-size-asked = { $size } (запрошено { $asked })
storage-detail-class = класс { $class }
storage-detail-pods-unwatched = какие поды её монтируют, неизвестно: stsdash следит за подами одного StatefulSet
storage-detail-used-by = используют { $pods }
storage-detail-kept = сохранена: ни один под её не монтирует
storage-detail-held = держит pvc-protection, пока её использует под
storage-detail-claim = заявка { $claim } (неймспейс { $namespace }):
storage-detail-dynamic = динамический ({ $provisioner })
storage-detail-static = статический (создан вручную)
storage-detail-was-bound = был привязан к { $claim }
storage-detail-reserved-for = зарезервирован для { $claim }
storage-detail-pinned = привязан к { $node }: его под работает только там
storage-detail-node-affinity = привязка к узлу { $affinity }
storage-detail-not-pinned = не привязан к узлу
storage-detail-volume = том { $volume } (кластер):
storage-detail-default = по умолчанию
storage-detail-class-node = класс { $class } (кластер):
