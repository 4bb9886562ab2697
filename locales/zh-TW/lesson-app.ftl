lesson-no-manifest = 課程 { $name } 沒有 manifest { $path }
lesson-check-ok = { $file }：沒問題，{ $steps } 個步驟，{ $questions } 個問題
lesson-plan-heading = 會套用（建立，已存在則修改）：
lesson-cluster-objects-warning = { $file } 可能套用整個叢集的物件；除非加上 --allow-cluster-objects，否則會被拒絕
lesson-namespace-created = 已為課程建立命名空間 { $namespace }
lesson-cleanup-start = 課程結束後清理：刪除這次執行建立的物件
lesson-cleanup-failed = 課程結束後清理：{ $error }
lesson-cleanup-deleted = { $object } 已刪除
lesson-cleanup-namespace-kept = namespace/{ $namespace } 保留：課程開始前就已存在
lesson-cleanup-volume-kept = persistentvolume/{ $volume } 保留：仍是 Bound
lesson-cleanup-volume-kept-to = persistentvolume/{ $volume } 保留：仍 Bound 到 { $claim }
lesson-apply-created = { $name } 已建立
lesson-apply-configured = { $name } 已修改
lesson-apply-configured-kept = { $name } 已修改（課程前就存在：清理時保留）
lesson-apply-conflict = { $name }：{ $message }（stsdash 不接管其他人的欄位）
lesson-namespace-being-deleted = 命名空間 { $namespace } 還在刪除中；等它消失後再試一次
lesson-delete-unknown-kind = 無法刪除「{ $kind }」：只能是 pod、claim、statefulset 或 service
lesson-exec-no-container = Pod { $pod } 沒有容器
lesson-exec-exit = （結束代碼 { $code }）
lesson-deleted = 已刪除 { $kind } { $name }
lesson-no-lesson = Enter 與 a 用來進行課程（stsdash lesson 名稱）
lesson-act-replay = 沒有叢集：重播不會做任何事
lesson-act-read-only = 唯讀：stsdash 不做任何變更
lesson-act-no-statefulset = 這裡還沒有 StatefulSet { $name }
lesson-act-no-pod = 沒有可刪除的 Pod { $name }
lesson-kind-not-served = kind { $kind }（{ $version }）：API server 不提供這種資源

lesson-list-seed = 實驗 { $seed }
lesson-list-steps = { $count ->
       *[other] 步
    }
lesson-list-broken = 無法讀取：{ $error }
lesson-script-watch = 觀察：{ $place }
lesson-script-until = 直到：{ $conditions }
lesson-script-note = 附註：{ $note }
