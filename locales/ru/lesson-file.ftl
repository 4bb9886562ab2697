lesson-file-unknown-language = { $field }.{ $tag }: неизвестный язык (en, ru, zh-TW)
lesson-file-language-twice = { $field }.{ $tag }: этот язык указан дважды
lesson-file-no-english = { $field }: в таблице языков нужен английский текст ({ $field }.en)
lesson-file-no-such-lesson = урока { $name } нет (stsdash lesson --list; или укажите путь к файлу)
lesson-file-not-built-in = такого манифеста нет среди встроенных в stsdash
lesson-file-not-recorded = его нет в записи
lesson-file-has-directory = у файла урока есть каталог
lesson-file-outside = вне каталога урока { $directory } (урок читает только файлы рядом с собой или ниже)
lesson-file-invalid-yaml = неверный YAML: { $error }
lesson-file-document-lacks = документ { $number }: нет { $field }
lesson-file-document-not-mapping = документ { $number }: это не словарь (mapping)
lesson-file-cluster-wide = kind { $kind } действует на весь кластер: урок создаёт только объекты пространства имён, PersistentVolume и StorageClass, если только в его файле не указано cluster_objects = true и вы не передали --allow-cluster-objects
lesson-file-no-step = { $file }: в уроке нет ни одного [[step]]
lesson-file-question-alone = у вопроса должен быть ответ (answer)
lesson-file-answer-alone = ответ без вопроса
lesson-file-unknown-act = неизвестный вид шага «{ $act }» ({ $known })
lesson-file-takes-no = для do = "{ $act }" поле { $field } не нужно
lesson-file-needs = для do = "{ $act }" нужно поле { $field }
lesson-file-needs-two = для do = "{ $act }" нужны поля { $first } и { $second }
lesson-file-needs-key-or-kubectl = для do = "{ $act }" нужно поле key или kubectl
lesson-file-negative-replicas = replicas не может быть отрицательным
lesson-file-object-form = object "{ $object }": ВИД ИМЯ, где ВИД — pod, claim, statefulset или service
lesson-file-object-unknown = object "{ $object }" ни на что не указывает: { $reason }
lesson-file-pod-unknown = pod ни на что не указывает: { $reason }
lesson-file-until-not-string = until: условие — это строка
lesson-file-condition-unknown = условие «{ $condition }» ни на что не указывает: { $reason }
lesson-file-not-a-pod = { $name } — не под из { $sets }
lesson-file-not-a-statefulset = { $name } — не StatefulSet из { $sets }
lesson-file-no-statefulsets = манифестов этого урока (они не создают ни одного StatefulSet)
lesson-file-no-claim = манифесты этого урока не создают заявку { $name } (заявки: { $claims })
lesson-file-no-claims = манифесты этого урока не создают заявку { $name } (заявок нет)
lesson-file-no-volume = манифесты этого урока не создают том { $name } (динамический том называют по его заявке: "volume of ЗАЯВКА")
lesson-file-not-a-row = { $row } — ни под, ни заявка из манифестов этого урока
lesson-file-unknown-pane = неизвестная панель «{ $pane }» (header, timeline, storage, narration, logs)
lesson-file-empty-place = пустое место
lesson-file-no-rows = у панели { $pane } нет строк, которые можно назвать
lesson-file-place-form = «{ $place }»: панель и не больше одной строки
lesson-file-logs-of-which = логи какого пода? (logs ПОД)
lesson-file-empty-condition = пустое условие
lesson-file-volume-unnamed = в условии для тома не назван том
lesson-file-not-a-count = «{ $text }» — не число реплик
lesson-file-state-missing = не указано состояние ({ $known })
lesson-file-unknown-state = неизвестное состояние «{ $state }» ({ $known })
