log-cut = … [已截斷 { $count } 位元組]
log-new-incarnation = ── 新的 Pod 實例，uid { $uid } ──
