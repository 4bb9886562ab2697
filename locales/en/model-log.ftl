# A log pane's lines (src/model/log.rs).
# After a line longer than stsdash keeps: how much of it was cut.
log-cut = … [{ $count } bytes cut]
# Between two incarnations of a pod (a pod recreated with its name).
log-new-incarnation = ── new incarnation, uid { $uid } ──
