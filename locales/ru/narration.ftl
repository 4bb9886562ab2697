## StatefulSet

narration-sts-created = StatefulSet { $name } создан: { $replicas } { $replicas ->
        [one] реплика
        [few] реплики
        [many] реплик
       *[other] реплики
    }, podManagementPolicy { $policy }
narration-sts-deleted = StatefulSet { $name } удалён: сборщик мусора удаляет его поды{ $retention ->
        [delete] ; его заявки тоже удаляются (persistentVolumeClaimRetentionPolicy.whenDeleted: Delete)
        [retain] ; его заявки сохраняются (persistentVolumeClaimRetentionPolicy.whenDeleted: Retain)
       *[none] {""}
    }
narration-scale-up-parallel = { $name }: реплики { $from } → { $to }; новые поды запускаются одновременно (Parallel)
narration-scale-up-ordered = { $name }: реплики { $from } → { $to }; OrderedReady сначала создаёт { $first }, затем следующий порядковый номер, когда предыдущий станет Ready
narration-scale-down-parallel = { $name }: реплики { $from } → { $to }; лишние поды останавливаются одновременно (Parallel)
narration-scale-down-ordered = { $name }: реплики { $from } → { $to }; первым уходит наибольший порядковый номер ({ $last }), по одному за раз
narration-range = { $name }: ordinals.start { $start_from } → { $start_to }, реплики { $from } → { $to }: итоговые поды — { $pods }; сначала создаются недостающие порядковые номера, от меньшего, затем удаляются те, что вне диапазона, от большего
narration-range-no-pods = нет
narration-min-ready = { $name }: minReadySeconds { $from } → { $to }: под считается доступным, когда пробыл Ready столько секунд
narration-rollout-complete = { $name }: rolling update завершён, все поды на ревизии { $revision }
narration-template-changed = { $name }: шаблон пода изменился (новая ревизия { $revision }); { $scope }
narration-template-rolled-back = { $name }: шаблон пода вернулся к прежнему — откат на ревизию { $revision } (её ControllerRevision используется снова); { $scope }
narration-scope-on-delete = updateStrategy OnDelete: поды не заменяются, каждый получит новую ревизию, когда его удалят
narration-scope-partition = заменяются порядковые номера ≥ { $low } (partition { $partition }), начиная с наибольшего
narration-scope-max-unavailable = поды заменяются от наибольшего порядкового номера вниз, не больше { $n } одновременно (maxUnavailable { $n })
narration-scope-one-by-one = поды заменяются от наибольшего порядкового номера вниз, каждый — когда предыдущий станет Ready

## Заявки и тома

narration-claim-created = заявка { $name } создана (класс хранилища { $class })
narration-claim-created-from-template = заявка { $name } создана по volumeClaimTemplate StatefulSet (класс хранилища { $class })
narration-default-class = по умолчанию
narration-claim-deleted = заявка { $name } удалена
narration-claim-bound = заявка { $name } привязана к тому { $volume }
narration-claim-bound-provisioned = заявка { $name } привязана к тому { $volume }, который { $provisioner } создал по запросу
narration-claim-bound-static = заявка { $name } привязана к тому { $volume }, созданному заранее (статический том)
narration-claim-lost = заявка { $name } потеряла свой том
narration-claim-terminating = заявка { $name } удаляется
narration-claim-terminating-held = заявка { $name } удаляется: { $held }
narration-claim-terminating-in-use = заявка { $name } удаляется, но её держит финализатор kubernetes.io/pvc-protection: её использует { $pods }
narration-volume-deleted = том { $name } удалён (reclaimPolicy { $policy })
narration-volume-of-claim-deleted = том { $name } заявки { $claim } удалён (reclaimPolicy { $policy })
narration-volume-released = том { $name } перешёл в Released: его заявки больше нет; reclaimPolicy { $policy } { $policy ->
        [Retain] сохраняет том и данные на нём, пока администратор его не удалит
       *[other] удаляет том
    }
narration-volume-of-claim-released = том { $name } перешёл в Released: его заявки { $claim } больше нет; reclaimPolicy { $policy } { $policy ->
        [Retain] сохраняет том и данные на нём, пока администратор его не удалит
       *[other] удаляет том
    }
narration-volume-failed = том { $name } перешёл в Failed (reclaimPolicy { $policy })

## Поды

narration-pod-created = { $pod } создан
narration-pod-scheduled = { $pod } назначен на узел { $node }
narration-pod-scheduled-waited = { $pod } назначен на узел { $node } { $waited }
narration-pod-ready = { $pod } стал Ready
narration-pod-terminating = { $pod } завершается
narration-pod-recreated = { $pod } пересоздан{ $ended ->
        [none] {""}
       *[other] {" "}после { $ended }
    } с новым UID: имя у него прежнее
narration-pod-recreated-claims = { $pod } пересоздан{ $ended ->
        [none] {""}
       *[other] {" "}после { $ended }
    } с новым UID: имя и заявка { $claims } у него прежние
narration-pod-recreated-at-revision = { $pod } пересоздан{ $ended ->
        [none] {""}
       *[other] {" "}после { $ended }
    } на ревизии { $revision } ({ $strategy ->
        [OnDelete] OnDelete: удалённый под получает новую ревизию
       *[RollingUpdate] rolling update
    }): имя у него прежнее
narration-pod-recreated-at-revision-claims = { $pod } пересоздан{ $ended ->
        [none] {""}
       *[other] {" "}после { $ended }
    } на ревизии { $revision } ({ $strategy ->
        [OnDelete] OnDelete: удалённый под получает новую ревизию
       *[RollingUpdate] rolling update
    }): имя и заявка { $claims } у него прежние
narration-pod-created-parallel = { $pod } создан: podManagementPolicy Parallel запускает поды, не дожидаясь друг друга
narration-pod-created-first = { $pod } создан: { $first }
narration-pod-created-next = { $pod } создан: { $previous } стал Ready{ $available }, а OrderedReady запускает по одному порядковому номеру за раз
narration-pod-ip = { $pod } получил IP { $ip }
narration-pod-ip-changed = { $pod } получил IP { $ip } (раньше был { $previous }): IP подов меняются, имена — нет
narration-pod-ready-next = { $pod } стал Ready: теперь контроллер может создать { $next }
narration-pod-ready-next-min-ready = { $pod } стал Ready: через minReadySeconds ({ $seconds }s) он станет доступен, и контроллер сможет создать { $next }
narration-pod-not-ready = { $pod } больше не Ready
narration-pod-not-ready-reason = { $pod } больше не Ready ({ $reason })
narration-pod-not-ready-ordered = { $pod } больше не Ready: пока он снова не станет Ready, OrderedReady не создаёт, не удаляет и не заменяет поды после него
narration-pod-not-ready-reason-ordered = { $pod } больше не Ready ({ $reason }): пока он снова не станет Ready, OrderedReady не создаёт, не удаляет и не заменяет поды после него
narration-pod-terminating-ended = { $pod } завершается: он перешёл в { $phase }, а контроллер удаляет завершившийся под, чтобы создать его заново
narration-pod-terminating-by-stsdash = { $pod } завершается: его удалил stsdash; контроллер создаст его заново
narration-pod-terminating-sts-deleted = { $pod } завершается: StatefulSet { $statefulset } удалён, и сборщик мусора удаляет его поды{ $retention ->
        [delete] ; заявка { $claims } тоже удаляется (persistentVolumeClaimRetentionPolicy.whenDeleted: Delete)
        [retain] ; заявка { $claims } сохраняется (persistentVolumeClaimRetentionPolicy.whenDeleted: Retain)
       *[none] {""}
    }
narration-pod-terminating-below-range = { $pod } завершается: ordinals.start теперь { $start }, а поды ниже диапазона удаляются, начиная с наибольшего
narration-pod-terminating-parallel = { $pod } завершается: replicas теперь { $replicas }, и Parallel останавливает лишние поды одновременно
narration-pod-terminating-scale-down = { $pod } завершается: replicas теперь { $replicas }, а при уменьшении первым удаляется наибольший порядковый номер
narration-pod-terminating-rollout = { $pod } завершается, чтобы его заменил под новой ревизии (rolling update, с наибольшего порядкового номера)
narration-pod-terminating-deleted = { $pod } завершается: его удалили; контроллер создаст его заново с тем же именем
narration-held = { $line }; { $held }
narration-pod-gone = { $pod } удалён
narration-pod-gone-claim-owned = { $pod } удалён; его заявка { $claims } сохраняется: ею управляет { $owner }, поэтому persistentVolumeClaimRetentionPolicy к ней не применяется
narration-pod-gone-claim-deleted = { $pod } удалён; его заявка { $claims } тоже удаляется (persistentVolumeClaimRetentionPolicy.whenScaled: Delete)
narration-pod-gone-claim-kept = { $pod } удалён; его заявка { $claims } сохраняется (persistentVolumeClaimRetentionPolicy.whenScaled: Retain) и снова пригодится при увеличении числа реплик
narration-pod-adopted = { $pod } теперь под управлением StatefulSet { $statefulset }: у него не было контроллера, а имя и метки подходят (селектор { $selector })
narration-pod-released = StatefulSet { $statefulset } отпустил { $pod }: он больше не контроллер этого пода (метки перестали совпадать с { $selector } или ссылку на владельца убрали); под продолжает работать вне StatefulSet
narration-list-separator = {", "}
