header-connecting = { $spinner } 連線中
header-synced = ● 已同步
header-reconnecting = { $spinner } 重新連線中，已 { $age }
header-data-as-of = 資料停在 { $age } 前 · { $down }
header-all-namespaces = 所有命名空間
header-namespace = ns { $namespace }
header-statefulset = sts { $name }
header-deleted = 已刪除
header-service = service { $name }（{ $kind ->
        [headless] headless
        [not-headless] 非 headless
       *[missing] 不存在
    }）
header-no-service-name = 沒有 serviceName（沒有穩定的 DNS 名稱）
header-replicas = 副本：期望 { $desired } · 目前 { $current } · 就緒 { $ready }
header-available = 可用 { $count }
header-updated = 已更新 { $count }
header-requested = → 已請求 { $to }
header-rolling-back = 回滾中：版本 { $from } → { $to }
header-revision-change = 版本 { $from } → { $to }
header-revision = 版本 { $revision }
header-paused = ⏸ 已暫停
