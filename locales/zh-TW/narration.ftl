## StatefulSet

narration-sts-created = StatefulSet { $name } 已建立：{ $replicas } 個副本，podManagementPolicy { $policy }
narration-sts-deleted = StatefulSet { $name } 已刪除：垃圾回收器會移除它的 Pod{ $retention ->
        [delete] ；它的 PVC 也會刪除（persistentVolumeClaimRetentionPolicy.whenDeleted: Delete）
        [retain] ；它的 PVC 會保留（persistentVolumeClaimRetentionPolicy.whenDeleted: Retain）
       *[none] {""}
    }
narration-scale-up-parallel = { $name }：副本 { $from } → { $to }；新的 Pod 同時啟動（Parallel）
narration-scale-up-ordered = { $name }：副本 { $from } → { $to }；OrderedReady 先建立 { $first }，前一個 Ready 後才建立下一個序號
narration-scale-down-parallel = { $name }：副本 { $from } → { $to }；多出的 Pod 同時停止（Parallel）
narration-scale-down-ordered = { $name }：副本 { $from } → { $to }；最大序號（{ $last }）先移除，一次一個
narration-range = { $name }：ordinals.start { $start_from } → { $start_to }，副本 { $from } → { $to }：最後的 Pod 為 { $pods }；先由小到大建立缺少的序號，再由大到小移除範圍外的 Pod
narration-range-no-pods = 無
narration-min-ready = { $name }：minReadySeconds { $from } → { $to }：Pod Ready 滿這段時間後才算可用
narration-rollout-complete = { $name }：rolling update 完成，每個 Pod 都執行版本 { $revision }
narration-template-changed = { $name }：Pod 範本已變更（新版本 { $revision }）；{ $scope }
narration-template-rolled-back = { $name }：Pod 範本回到先前的內容：回滾到版本 { $revision }（重用它的 ControllerRevision）；{ $scope }
narration-scope-on-delete = updateStrategy OnDelete：不替換任何 Pod，每個 Pod 被刪除時才採用新版本
narration-scope-partition = 序號 ≥ { $low } 的 Pod 會被替換（partition { $partition }），從最大序號開始
narration-scope-max-unavailable = 從最大序號往下替換 Pod，一次最多 { $n } 個（maxUnavailable { $n }）
narration-scope-one-by-one = 從最大序號往下替換 Pod，前一個 Ready 後才替換下一個

## PVC 與 PV

narration-claim-created = PVC { $name } 已建立（存儲類別 { $class }）
narration-claim-created-from-template = PVC { $name } 已依 StatefulSet 的 volumeClaimTemplate 建立（存儲類別 { $class }）
narration-default-class = 預設
narration-claim-deleted = PVC { $name } 已刪除
narration-claim-bound = PVC { $name } 已綁定 PV { $volume }
narration-claim-bound-provisioned = PVC { $name } 已綁定 PV { $volume }，由 { $provisioner } 按需動態配置
narration-claim-bound-static = PVC { $name } 已綁定 PV { $volume }，這是預先配置（靜態）的 PV
narration-claim-lost = PVC { $name } 遺失了它的 PV
narration-claim-terminating = PVC { $name } 刪除中
narration-claim-terminating-held = PVC { $name } 刪除中：{ $held }
narration-claim-terminating-in-use = PVC { $name } 刪除中，但 { $pods } 仍在使用它，kubernetes.io/pvc-protection finalizer 會保留它
narration-volume-deleted = PV { $name } 已刪除（reclaimPolicy { $policy }）
narration-volume-of-claim-deleted = PVC { $claim } 的 PV { $name } 已刪除（reclaimPolicy { $policy }）
narration-volume-released = PV { $name } 變為 Released：它的 PVC 已不存在；reclaimPolicy { $policy } { $policy ->
        [Retain] 會保留它和其中的資料，直到管理員刪除
       *[other] 會移除它
    }
narration-volume-of-claim-released = PV { $name } 變為 Released：它的 PVC { $claim } 已不存在；reclaimPolicy { $policy } { $policy ->
        [Retain] 會保留它和其中的資料，直到管理員刪除
       *[other] 會移除它
    }
narration-volume-failed = PV { $name } 變為 Failed（reclaimPolicy { $policy }）

## Pod

narration-pod-created = { $pod } 已建立
narration-pod-scheduled = { $pod } 已排程到節點 { $node }
narration-pod-scheduled-waited = { $pod } 已排程到節點 { $node }{ $waited }
narration-pod-ready = { $pod } 已 Ready
narration-pod-terminating = { $pod } 終止中
narration-pod-recreated = { $pod }{ $ended ->
        [none] {" "}
       *[other] {" "}在 { $ended } 後
    }以新的 UID 重新建立：名稱不變
narration-pod-recreated-claims = { $pod }{ $ended ->
        [none] {" "}
       *[other] {" "}在 { $ended } 後
    }以新的 UID 重新建立：名稱和 PVC { $claims } 都不變
narration-pod-recreated-at-revision = { $pod }{ $ended ->
        [none] {" "}
       *[other] {" "}在 { $ended } 後
    }以版本 { $revision } 重新建立（{ $strategy ->
        [OnDelete] OnDelete：被刪除的 Pod 會採用更新版本
       *[RollingUpdate] rolling update
    }）：名稱不變
narration-pod-recreated-at-revision-claims = { $pod }{ $ended ->
        [none] {" "}
       *[other] {" "}在 { $ended } 後
    }以版本 { $revision } 重新建立（{ $strategy ->
        [OnDelete] OnDelete：被刪除的 Pod 會採用更新版本
       *[RollingUpdate] rolling update
    }）：名稱和 PVC { $claims } 都不變
narration-pod-created-parallel = { $pod } 已建立：podManagementPolicy Parallel 不等待其他 Pod，同時啟動
narration-pod-created-first = { $pod } 已建立：{ $first }
narration-pod-created-next = { $pod } 已建立：{ $previous } 已 Ready{ $available }，OrderedReady 一次只啟動一個序號
narration-pod-ip = { $pod } 取得 IP { $ip }
narration-pod-ip-changed = { $pod } 取得 IP { $ip }（先前是 { $previous }）：Pod 的 IP 不固定，名稱才固定
narration-pod-ready-next = { $pod } 已 Ready：控制器現在可以建立 { $next }
narration-pod-ready-next-min-ready = { $pod } 已 Ready：經過 minReadySeconds（{ $seconds }s）後才算可用，之後控制器才能建立 { $next }
narration-pod-not-ready = { $pod } 不再 Ready
narration-pod-not-ready-reason = { $pod } 不再 Ready（{ $reason }）
narration-pod-not-ready-ordered = { $pod } 不再 Ready：在它再次 Ready 之前，OrderedReady 不會建立、移除或替換它之後的 Pod
narration-pod-not-ready-reason-ordered = { $pod } 不再 Ready（{ $reason }）：在它再次 Ready 之前，OrderedReady 不會建立、移除或替換它之後的 Pod
narration-pod-terminating-ended = { $pod } 終止中：它已 { $phase }，控制器會刪除已結束的 Pod 再重新建立
narration-pod-terminating-by-stsdash = { $pod } 終止中：由 stsdash 刪除；控制器會重新建立它
narration-pod-terminating-sts-deleted = { $pod } 終止中：StatefulSet { $statefulset } 已刪除，垃圾回收器會移除它的 Pod{ $retention ->
        [delete] ；它的 PVC { $claims } 也會刪除（persistentVolumeClaimRetentionPolicy.whenDeleted: Delete）
        [retain] ；它的 PVC { $claims } 會保留（persistentVolumeClaimRetentionPolicy.whenDeleted: Retain）
       *[none] {""}
    }
narration-pod-terminating-below-range = { $pod } 終止中：ordinals.start 為 { $start }，範圍以下的 Pod 會被移除，從最大序號開始
narration-pod-terminating-parallel = { $pod } 終止中：replicas 為 { $replicas }，Parallel 會同時停止多出的 Pod
narration-pod-terminating-scale-down = { $pod } 終止中：replicas 為 { $replicas }，縮減時先移除最大序號
narration-pod-terminating-rollout = { $pod } 終止中，將由更新版本的 Pod 替換（rolling update，從最大序號開始）
narration-pod-terminating-deleted = { $pod } 終止中：它被刪除了；控制器會以相同名稱重新建立它
narration-held = { $line }；{ $held }
narration-pod-gone = { $pod } 已不存在
narration-pod-gone-claim-owned = { $pod } 已不存在；它的 PVC { $claims } 會保留：由 { $owner } 控制，所以 persistentVolumeClaimRetentionPolicy 不適用
narration-pod-gone-claim-deleted = { $pod } 已不存在；它的 PVC { $claims } 也會刪除（persistentVolumeClaimRetentionPolicy.whenScaled: Delete）
narration-pod-gone-claim-kept = { $pod } 已不存在；它的 PVC { $claims } 會保留（persistentVolumeClaimRetentionPolicy.whenScaled: Retain），再次擴容時會重新使用
narration-pod-adopted = { $pod } 被 StatefulSet { $statefulset } 收養：它原本沒有控制器，且名稱和標籤相符（selector { $selector }）
narration-pod-released = { $pod } 被 StatefulSet { $statefulset } 釋放：StatefulSet 不再是它的控制器（標籤不再符合 { $selector }，或 owner reference 被移除）；Pod 在 StatefulSet 之外繼續執行
narration-list-separator = {"、"}
