# The header: where, what, and whether what is shown is current (src/ui/header.rs).
header-connecting = { $spinner } connecting
header-synced = ● synced
header-reconnecting = { $spinner } reconnecting for { $age }
# $down: what is down, joined with " · " (from the cluster's outages).
header-data-as-of = data as of { $age } ago · { $down }
header-all-namespaces = all namespaces
header-namespace = ns { $namespace }
header-statefulset = sts { $name }
header-deleted = deleted
# $kind: headless, not-headless or missing.
header-service = service { $name } ({ $kind ->
        [headless] headless
        [not-headless] not headless
       *[missing] missing
    })
header-no-service-name = no serviceName (no stable DNS names)
header-replicas = replicas { $desired } desired · { $current } current · { $ready } ready
header-available = { $count } available
header-updated = { $count } updated
header-requested = → { $to } requested
header-rolling-back = rolling back: revision { $from } → { $to }
header-revision-change = revision { $from } → { $to }
header-revision = revision { $revision }
header-paused = ⏸ paused
