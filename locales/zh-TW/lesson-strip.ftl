lesson-strip-title = 課程 { $name } · 第 { $step } 步，共 { $count } 步 · { $title }
lesson-keys-recap = Enter 總結 · q 離開
lesson-keys-replay = a 答案 · 空白鍵 暫停
lesson-keys-answer-next = a 答案 · Enter 下一步
lesson-keys-next = Enter 下一步
lesson-keys-do = Enter 執行
lesson-keys-skip = Enter Enter 跳過
lesson-keys-when-done = 完成後按 Enter
lesson-label-do = 動作
lesson-label-run = 指令
lesson-label-same-as = 等同
lesson-label-applies = 套用
lesson-label-output = 輸出
lesson-label-failed = 失敗
lesson-label-watch = 觀察
lesson-label-note = 備註
lesson-label-done = 完成
lesson-label-then = 接著
lesson-label-waiting = 等待
lesson-label-answer = 答案
lesson-act-apply = 套用 { $file }（server-side apply，field manager stsdash）
lesson-act-scale = 把 { $statefulset } 調整為 { $replicas } 個副本
lesson-act-delete = 刪除 { $kind ->
        [pod] Pod
        [claim] PVC
        [statefulset] StatefulSet
       *[service] Service
    } { $name }
lesson-act-exec = 在 { $pod } 中執行：{ $command }
lesson-act-yourself = 請自己動手
lesson-act-watch = 不用動手：觀察
lesson-act-by-hand = 請自己動手：{ $act }
lesson-act-with-keys = { $act } · 按鍵 { $keys }
lesson-keys-delete-pod = 選取 { $name }，d，y
lesson-keys-exec = 選取 { $pod }，e，再輸入指令
lesson-then = 接著等待 { $conditions }
lesson-waiting = { $seconds } 秒：{ $conditions }
lesson-answer-at = 看{ $place }：{ $answer }
lesson-place = { $pane ->
        [header] 標題列
        [timeline] 時間軸
        [storage] 存儲圖
        [narration] 敘述
       *[logs] log
    }
lesson-place-row = { $pane ->
        [timeline] 時間軸
        [storage] 存儲圖
       *[logs] log
    }的 { $row } 這一列
lesson-waiting-now = { $condition }（目前 { $now }）
lesson-waiting-nothing = 沒有
lesson-say-replay = 錄下的課程：步驟跟著錄製進行（a 看答案）
lesson-say-doing = { $act }：等待叢集回應
lesson-say-skip = 仍在等待 { $conditions }：再按一次 Enter 跳過這一步
lesson-say-student-waits = 叢集顯示完成時這一步才結束：等待 { $conditions }
lesson-say-no-question = 這一步沒有問題
lesson-say-answer-later = 這一步完成後才有答案（Enter 跳過）
lesson-recap-title = 總結 · { $title }
lesson-recap-keys = j/k 捲動 · q 離開 · Esc 關閉
lesson-recap-seen = 看過答案
lesson-recap-skipped = 已跳過
lesson-recap-not-revealed = 沒看答案
lesson-condition-pod = { $name } { $state ->
        [ready] Ready
        [running] Running
        [pending] Pending
        [terminating] Terminating
        [gone] 已刪除
       *[replaced] 已替換（Ready，新的 UID）
    }
lesson-condition-claim = PVC { $name } { $state ->
        [bound] Bound
        [pending] Pending
        [terminating] Terminating
        [kept] 保留著，沒有 Pod
        [used] 有 Pod 使用中
       *[gone] 已刪除
    }
lesson-condition-volume = volume { $name } { $state ->
        [available] Available
        [bound] Bound
        [released] Released
       *[gone] 已刪除
    }
lesson-condition-volume-of = { $claim } 的 volume { $state ->
        [available] Available
        [bound] Bound
        [released] Released
       *[gone] 已刪除
    }
lesson-condition-set-ready = { $name }：{ $count } 個中 { $count } 個就緒
lesson-condition-set-updated = { $name }：已更新 { $count } 個
lesson-condition-set-rolled-out = { $name }：rolling update 完成
lesson-condition-set-gone = StatefulSet { $name } 已刪除
lesson-now-same-uid = { $phase }（同一個 UID）
lesson-now-new-uid = { $phase }（新的 UID）
lesson-now-no-pod = 沒有這個 Pod
lesson-now-no-claim = 沒有這個 PVC
lesson-now-claim-unused = { $phase }，沒有 Pod
lesson-now-claim-used = { $phase }，使用者 { $pods }
lesson-now-no-volume = 沒有這個 volume
lesson-now-no-statefulset = 沒有這個 StatefulSet
lesson-now-statefulset = 期望 { $desired }，就緒 { $ready }，已更新 { $updated }
lesson-plan-cluster-wide = { $kind } { $name }（整個叢集）
