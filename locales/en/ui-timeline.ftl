# The ordinal timeline (src/ui/timeline.rs). $span: the window, as "1m" or "15s".
timeline-title = Ordinal timeline · { $span } window
# A row's state column (17 cells, with a mark): short.
timeline-created-next = created next
timeline-not-created-yet = not created yet
timeline-released = released
# Before a revision's hash, on each row during a rolling update.
timeline-revision-new = new
timeline-revision-old = old
# The selected pod's line, on the bottom border.
timeline-no-pod-now = no pod now
timeline-dns = DNS
timeline-ip = IP
timeline-node = node
timeline-uid = uid
timeline-rev = rev
timeline-dns-unset = none (the StatefulSet names no serviceName)
timeline-dns-not-headless = { $dns } (service { $service } is not headless)
timeline-dns-no-service = { $dns } (no service { $service })
timeline-ip-none = none yet
timeline-not-scheduled = not scheduled
