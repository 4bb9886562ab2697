lesson-no-manifest = в уроке { $name } нет манифеста { $path }
lesson-check-ok = { $file }: всё в порядке, { $steps } { $steps ->
        [one] шаг
        [few] шага
        [many] шагов
       *[other] шага
    }, { $questions } { $questions ->
        [one] вопрос
        [few] вопроса
        [many] вопросов
       *[other] вопроса
    }
lesson-plan-heading = применяет (создаёт или меняет, если уже есть):
lesson-cluster-objects-warning = { $file } может применять объекты на весь кластер; без --allow-cluster-objects они будут отклонены
lesson-namespace-created = пространство имён { $namespace } создано для урока
lesson-cleanup-start = уборка после урока: удаляем то, что создал этот запуск
lesson-cleanup-failed = уборка после урока: { $error }
lesson-cleanup-deleted = { $object } удалён
lesson-cleanup-namespace-kept = namespace/{ $namespace } оставлен: он был до урока
lesson-cleanup-volume-kept = persistentvolume/{ $volume } оставлен: всё ещё Bound
lesson-cleanup-volume-kept-to = persistentvolume/{ $volume } оставлен: всё ещё Bound к { $claim }
lesson-apply-created = { $name } создан
lesson-apply-configured = { $name } изменён
lesson-apply-configured-kept = { $name } изменён (был до урока: при уборке останется)
lesson-apply-conflict = { $name }: { $message } (stsdash не перехватывает чужие поля)
lesson-namespace-being-deleted = пространство имён { $namespace } ещё удаляется; попробуйте снова, когда его не станет
lesson-delete-unknown-kind = нельзя удалить «{ $kind }»: только pod, claim, statefulset или service
lesson-exec-no-container = у пода { $pod } нет контейнера
lesson-exec-exit = (код выхода { $code })
lesson-deleted = { $kind } { $name } удалён
lesson-no-lesson = Enter и a ведут урок (stsdash lesson ИМЯ)
lesson-act-replay = кластера нет: повтор записи ничего не делает
lesson-act-read-only = только чтение: stsdash ничего не меняет
lesson-act-no-statefulset = StatefulSet { $name } здесь ещё нет
lesson-act-no-pod = пода { $name } для удаления нет
lesson-kind-not-served = kind { $kind } ({ $version }): API-сервер его не обслуживает

lesson-list-seed = лаба { $seed }
lesson-list-steps = { $count ->
        [one] шаг
        [few] шага
        [many] шагов
       *[other] шага
    }
lesson-list-broken = не читается: { $error }
lesson-script-watch = смотрите: { $place }
lesson-script-until = пока не: { $conditions }
lesson-script-note = заметка: { $note }
