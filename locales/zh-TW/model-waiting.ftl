# 等待行：StatefulSet 控制器接下來做什麼、在等什麼、依據哪條規則。

waiting-scaling-down-to = 縮減到 { $replicas }
waiting-start-is = ordinals.start = { $start }
waiting-state-available = 可用（已 Ready { $ready }s / minReadySeconds { $min }s，還差 { $left }s）
waiting-state-gone = 消失
waiting-state-ready-available = Ready 且可用
waiting-because = （{ $event }）

waiting-sts-gone = StatefulSet { $name } 已刪除：不再有誰建立或替換它的 Pod
waiting-sts-gone-rule = 已刪除的 StatefulSet 沒有控制器處理
waiting-sts-deleting = StatefulSet { $name } 刪除中：垃圾回收器會移除它的 Pod
waiting-sts-deleting-held = StatefulSet { $name } 刪除中：{ $finalizers }：垃圾回收器會移除它的 Pod
waiting-sts-deleting-rule = 對刪除中的 StatefulSet，控制器只寫入 status

waiting-idle-observed = StatefulSet 控制器已 { $duration } 未處理 { $name } 的 generation { $generation }（status 屬於 generation { $observed }）：kube-controller-manager 可能停止或落後，在它處理前什麼都不會變
waiting-idle-no-status = StatefulSet 控制器已 { $duration } 未處理 { $name } 的 generation { $generation }（尚無 status）：kube-controller-manager 可能停止或落後，在它處理前什麼都不會變
waiting-unread-observed = StatefulSet 控制器尚未讀取 { $name } 的 generation { $generation }（status 屬於 generation { $observed }）：以下依據之前的 spec
waiting-unread-no-status = StatefulSet 控制器尚未讀取 { $name } 的 generation { $generation }（尚無 status）：它還完全沒有處理
waiting-observed-rule = 控制器依據它讀到的 spec 行動：status.observedGeneration 說明是哪一版
waiting-controller-unblock = 檢查 kube-controller-manager：是否在執行、是否為 leader、日誌寫了什麼

waiting-ordered-rule = OrderedReady 一次處理一個 Pod，依序號順序，且只在序號更小的 Pod 都 Running 且 Ready 時進行
waiting-ordered-rule-available = OrderedReady 一次處理一個 Pod，依序號順序，且只在序號更小的 Pod 都 Running、Ready 且可用（Ready 滿 minReadySeconds { $seconds }s）時進行
waiting-rolling-update = 滾動更新到版本 { $revision }
waiting-rolling-back = 回滾到版本 { $revision }（較早的範本）

waiting-create-parallel = { $pods } 尚未建立（Parallel）
waiting-create-parallel-rule = Parallel 一次建立所有缺少的 Pod
waiting-create-first = 即將建立 { $pod }：{ $why }
waiting-create-next = 即將建立 { $pod }：{ $previous } 已 { $state }

waiting-adopt = { $pod } 沒有控制器：若其標籤符合選擇器 { $selector }，StatefulSet { $name } 會收養它
waiting-adopt-rule = 控制器會收養名為 <name>-<ordinal> 且標籤符合其選擇器的孤兒 Pod
waiting-name-taken = { $pod } 已存在，但由 { $kind } { $owner } 控制：只要它還在，StatefulSet { $name } 就無法建立自己的 { $pod }
waiting-name-taken-rule = Pod 名稱在命名空間內唯一：控制器的建立會失敗
waiting-name-taken-unblock = 刪除那個 { $pod }，或給 StatefulSet 換個名稱
waiting-outside = { $pod } 仍存在於 StatefulSet { $name } 之外（其標籤已不符合 { $selector }）：只要它還在，控制器就無法建立 { $pod }
waiting-outside-rule = Pod 名稱在命名空間內唯一：控制器的建立會失敗（且不會為此記錄 Event）
waiting-outside-unblock = 把標籤還給 { $pod }（它會再被收養），或刪除它
waiting-claim-missing = { $pod } 處於 Pending，且其 PVC { $claims } 不存在：控制器下次同步 { $name } 時（它或其 Pod 有任何變化時）會重新建立
waiting-claim-missing-rule = 每次同步 StatefulSet 時，控制器都會為 Pending 的 Pod 重新建立缺少的範本 PVC
waiting-recreate = { $pod } { $phase }{ $because }：控制器會刪除它並重新建立 { $pod }
waiting-recreate-rule = Failed 或 Succeeded 的 Pod 會被刪除，並以相同名稱重新建立

waiting-terminating = { $pod } Terminating；控制器等它消失後才重新建立 { $pod }
waiting-terminating-held = { $pod } Terminating：{ $finalizers }；控制器等它消失後才重新建立 { $pod }
waiting-waits-too = ；{ $pod } 也在等它（OrderedReady）
waiting-terminating-rule = 同名的 Pod 消失後，才會重新建立
waiting-finalizer-unblock = 由設定 finalizer 的一方移除它（kubectl patch pod { $pod } --type=merge -p '{"{"}"metadata":{"{"}"finalizers":null{"}"}{"}"}'）

waiting-scale-down-parallel-one = 縮減到 { $replicas }：Parallel 停止 { $pods }
waiting-scale-down-parallel = 縮減到 { $replicas }：Parallel 同時停止 { $pods }
waiting-scale-down-parallel-rule = Parallel 一次移除副本範圍外的所有 Pod
waiting-below-range = ordinals.start = { $start }：{ $pod } 低於範圍，從最高序號起移除
waiting-scale-down-first = 縮減到 { $replicas }：先移除 { $pod }
waiting-scale-down-rule = 縮減時先移除最高序號，一次一個，前一個消失後才移除下一個
waiting-scale-down-terminating = { $why }：{ $pod } Terminating
waiting-scale-down-terminating-held = { $why }：{ $pod } Terminating：{ $finalizers }
waiting-goes-next = ；它消失後移除 { $pod }
waiting-scale-down-terminating-rule = 縮減時一次移除一個 Pod，前一個消失後才移除下一個

waiting-update-next = { $rolling }：接著替換 { $pods }（從最高序號起，一次一個）
waiting-update-next-many = { $rolling }：接著替換 { $pods }（從最高序號起，一次最多 { $n } 個（maxUnavailable { $n }））
waiting-update-rule = RollingUpdate 從最高序號往下替換到 partition，序號更大的 Pod 都 Running 且 Ready 後才替換下一個
waiting-partitioned-one = partition { $partition }：{ $pods } 停在版本 { $revision }（序號小於 { $low } 的不更新）
waiting-partitioned = partition { $partition }：{ $pods } 停在版本 { $revision }（序號小於 { $low } 的不更新）
waiting-partitioned-rule = RollingUpdate 只替換序號至少為 start + partition 的 Pod
waiting-partitioned-unblock-one = 調低 spec.updateStrategy.rollingUpdate.partition 以更新它
waiting-partitioned-unblock = 調低 spec.updateStrategy.rollingUpdate.partition 以更新它們
waiting-on-delete-one = updateStrategy OnDelete：{ $pods } 執行的版本比 { $revision } 舊；控制器不會替換它，它被刪除後才採用 { $revision }
waiting-on-delete = updateStrategy OnDelete：{ $pods } 執行的版本比 { $revision } 舊；控制器一個也不替換，每個被刪除後才採用 { $revision }
waiting-on-delete-rule = OnDelete：只有 Pod 被刪除並重新建立時，新範本才會套用到它
waiting-on-delete-unblock = 刪除一個 Pod，讓它以版本 { $revision } 重新建立

waiting-blocked-create = { $pod } 尚未建立：OrderedReady 等待 { $blocking } { $state }{ $because }
waiting-blocked-scale-down = { $why }：要等 { $blocking } { $state } 後才移除 { $pod }{ $because }
waiting-blocked-update = { $rolling }：要等 { $blocking } { $state } 後才替換 { $pod }{ $because }
waiting-pending = { $pod } 處於 Pending，尚未排程到節點{ $because }
waiting-not-available = { $pod } 已 Ready，尚未{ $state }
waiting-not-ready = { $pod } 尚未 Ready（{ $phase }）{ $because }
waiting-pending-rule = 排程器把 Pod 放到節點上後它才會執行，而這要等它的 PVC 綁定
waiting-not-available-rule = Ready 的 Pod 要經過 minReadySeconds（{ $seconds }s）才算可用
waiting-update-one-rule = RollingUpdate 一次替換一個 Pod，前一個被替換的 Pod Running 且 Ready 後才替換下一個

waiting-failing = { $waiting }；控制器嘗試但失敗：{ $message }
waiting-not-created = { $pod } 未建立
waiting-not-adopted = { $pod } 未被收養
waiting-not-deleted = { $pod } 未刪除
waiting-not-removed = { $pod } 未移除
waiting-not-replaced = { $pod } 未替換
waiting-overdue = { $not_done } 已 { $duration }，但沒有任何阻礙（{ $waiting }）：StatefulSet 控制器沒有行動；kube-controller-manager 可能停止或落後
