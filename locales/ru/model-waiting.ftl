# Строка ожидания: что контроллер StatefulSet сделает дальше и чего ждёт.
# Поды — мужского рода («создан», «удалён», «доступен»).

waiting-scaling-down-to = уменьшение до { $replicas }
waiting-start-is = ordinals.start = { $start }
# После «будет», «уже», «ещё не».
waiting-state-available = доступен (Ready { $ready }s из minReadySeconds { $min }s, осталось { $left }s)
waiting-state-gone = удалён
waiting-state-ready-available = Ready и доступен
waiting-because = {" "}({ $event })

waiting-sts-gone = StatefulSet { $name } удалён: его поды больше никто не создаёт и не заменяет
waiting-sts-gone-rule = для удалённого StatefulSet не работает ни один контроллер
waiting-sts-deleting = StatefulSet { $name } удаляется: сборщик мусора удаляет его поды
waiting-sts-deleting-held = StatefulSet { $name } удаляется: { $finalizers }: сборщик мусора удаляет его поды
waiting-sts-deleting-rule = у удаляемого StatefulSet контроллер только обновляет status

waiting-idle-observed = контроллер StatefulSet уже { $duration } не отработал generation { $generation } у { $name } (status — generation { $observed }): kube-controller-manager, возможно, не работает или отстаёт; пока он не сработает, ничего не изменится
waiting-idle-no-status = контроллер StatefulSet уже { $duration } не отработал generation { $generation } у { $name } (status ещё нет): kube-controller-manager, возможно, не работает или отстаёт; пока он не сработает, ничего не изменится
waiting-unread-observed = контроллер StatefulSet ещё не прочитал generation { $generation } у { $name } (status — generation { $observed }): дальнейшее — по прежней spec
waiting-unread-no-status = контроллер StatefulSet ещё не прочитал generation { $generation } у { $name } (status ещё нет): он с ним ещё ничего не делал
waiting-observed-rule = контроллер действует по той spec, которую прочитал: какую — говорит status.observedGeneration
waiting-controller-unblock = проверьте kube-controller-manager: запущен ли, лидер ли, что в его логе

waiting-ordered-rule = OrderedReady работает с одним подом за раз, по порядку номеров, и только пока все поды ниже — Running и Ready
waiting-ordered-rule-available = OrderedReady работает с одним подом за раз, по порядку номеров, и только пока все поды ниже — Running, Ready и доступны (Ready в течение minReadySeconds { $seconds }s)
waiting-rolling-update = обновление до ревизии { $revision }
waiting-rolling-back = откат к ревизии { $revision } (прежний шаблон)

waiting-create-parallel = ещё не создано: { $pods } (Parallel)
waiting-create-parallel-rule = Parallel создаёт все недостающие поды сразу
waiting-create-first = { $pod } сейчас будет создан: { $why }
waiting-create-next = { $pod } сейчас будет создан: { $previous } уже { $state }

waiting-adopt = у { $pod } нет контроллера: StatefulSet { $name } заберёт его (adopt), если метки подходят под селектор { $selector }
waiting-adopt-rule = контроллер забирает себе (adopt) под-сироту с именем <name>-<ordinal>, если его метки подходят под селектор
waiting-name-taken = { $pod } уже есть, но им управляет { $kind } { $owner }: StatefulSet { $name } не может создать свой { $pod }, пока тот существует
waiting-name-taken-rule = имя пода уникально в пространстве имён: создать под контроллеру не удаётся
waiting-name-taken-unblock = удалите тот { $pod } или дайте StatefulSet другое имя
waiting-outside = { $pod } всё ещё существует вне StatefulSet { $name } (его метки больше не подходят под { $selector }): контроллер не может создать { $pod }, пока тот существует
waiting-outside-rule = имя пода уникально в пространстве имён: создать под контроллеру не удаётся (Event об этом он не пишет)
waiting-outside-unblock = верните { $pod } его метки (его снова заберут) или удалите его
waiting-claim-missing = { $pod } в Pending, а его заявки { $claims } нет: контроллер создаст её заново при следующей синхронизации { $name } (при любом изменении его или его подов)
waiting-claim-missing-rule = при каждой синхронизации StatefulSet контроллер заново создаёт недостающие заявки из шаблона для пода в Pending
waiting-recreate = { $pod } { $phase }{ $because }: контроллер удалит его и создаст { $pod } заново
waiting-recreate-rule = под в Failed или Succeeded удаляется и создаётся заново с тем же именем

waiting-terminating = { $pod } Terminating; контроллер ждёт, пока он исчезнет, и только тогда создаст { $pod } заново
waiting-terminating-held = { $pod } Terminating: { $finalizers }; контроллер ждёт, пока он исчезнет, и только тогда создаст { $pod } заново
waiting-waits-too = {"; "}{ $pod } тоже ждёт его (OrderedReady)
waiting-terminating-rule = под создаётся заново, только когда исчезнет прежний под с этим именем
waiting-finalizer-unblock = финализатор снимает тот, кто его поставил (kubectl patch pod { $pod } --type=merge -p '{"{"}"metadata":{"{"}"finalizers":null{"}"}{"}"}')

waiting-scale-down-parallel-one = уменьшение до { $replicas }: Parallel останавливает { $pods }
waiting-scale-down-parallel = уменьшение до { $replicas }: Parallel останавливает { $pods } одновременно
waiting-scale-down-parallel-rule = Parallel сразу удаляет все поды вне диапазона реплик
waiting-below-range = ordinals.start = { $start }: { $pod } ниже диапазона и удаляется, старшие первыми
waiting-scale-down-first = уменьшение до { $replicas }: первым удаляется { $pod }
waiting-scale-down-rule = при уменьшении первым удаляется старший номер, по одному, каждый — когда исчез предыдущий
waiting-scale-down-terminating = { $why }: { $pod } Terminating
waiting-scale-down-terminating-held = { $why }: { $pod } Terminating: { $finalizers }
waiting-goes-next = {"; "}{ $pod } — следующий, когда тот исчезнет
waiting-scale-down-terminating-rule = при уменьшении поды удаляются по одному, каждый — когда исчез предыдущий

waiting-update-next = { $rolling }: следующая замена — { $pods } (со старшего номера, по одному)
waiting-update-next-many = { $rolling }: следующая замена — { $pods } (со старшего номера, до { $n } за раз (maxUnavailable { $n }))
waiting-update-rule = RollingUpdate заменяет поды со старшего номера вниз до partition, каждый — когда поды выше Running и Ready
waiting-partitioned-one = partition { $partition }: { $pods } остаётся на ревизии { $revision } (номера ниже { $low } не обновляются)
waiting-partitioned = partition { $partition }: { $pods } остаются на ревизии { $revision } (номера ниже { $low } не обновляются)
waiting-partitioned-rule = RollingUpdate заменяет только поды с номером не меньше start + partition
waiting-partitioned-unblock-one = уменьшите spec.updateStrategy.rollingUpdate.partition, чтобы обновить его
waiting-partitioned-unblock = уменьшите spec.updateStrategy.rollingUpdate.partition, чтобы обновить их
waiting-on-delete-one = updateStrategy OnDelete: { $pods } работает на ревизии старее { $revision }; контроллер его не заменяет, { $revision } он получит, когда его удалят
waiting-on-delete = updateStrategy OnDelete: { $pods } работают на ревизии старее { $revision }; контроллер не заменяет ни один из них, каждый получит { $revision }, когда его удалят
waiting-on-delete-rule = OnDelete: новый шаблон доходит до пода, только когда под удалят и создадут заново
waiting-on-delete-unblock = удалите под, чтобы он был создан с ревизией { $revision }

waiting-blocked-create = { $pod } ещё не создан: OrderedReady ждёт, пока { $blocking } не будет { $state }{ $because }
waiting-blocked-scale-down = { $why }: { $pod } удалится, только когда { $blocking } будет { $state }{ $because }
waiting-blocked-update = { $rolling }: { $pod } будет заменён, только когда { $blocking } будет { $state }{ $because }
waiting-pending = { $pod } в Pending, ещё не на узле{ $because }
waiting-not-available = { $pod } Ready, но ещё не { $state }
waiting-not-ready = { $pod } не Ready ({ $phase }){ $because }
waiting-pending-rule = под запускается, когда планировщик назначит его на узел, а назначение ждёт привязки его заявок
waiting-not-available-rule = под в Ready считается доступным через minReadySeconds ({ $seconds }s)
waiting-update-one-rule = RollingUpdate заменяет по одному поду, каждый — когда предыдущий заменённый Running и Ready

waiting-failing = { $waiting }; контроллер пытается, но безуспешно: { $message }
waiting-not-created = { $pod } не создан
waiting-not-adopted = { $pod } не забран (adopt)
waiting-not-deleted = { $pod } не удалён
waiting-not-removed = { $pod } не убран
waiting-not-replaced = { $pod } не заменён
waiting-overdue = { $not_done } уже { $duration }, хотя ничто не мешает ({ $waiting }): контроллер StatefulSet не действует; kube-controller-manager, возможно, не работает или отстаёт
