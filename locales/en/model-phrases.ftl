# Words the controller's waiting lines and the narration both say
# (src/model/controller/phrases.rs).

# Between the names of a list: "web-0, web-1".
phrase-list-separator = {", "}
# A list cut short: "web-0, web-1, web-2 and 4 more".
phrase-list-more = { $shown } and { $more } more
# A coarse duration (seconds stay "40s", as kubectl says them).
phrase-minutes = { $n } min
phrase-hours = { $n } h
phrase-first-ordinal-zero = ordinal 0 comes first
phrase-first-ordinal-start = the first ordinal ({ $start }, ordinals.start) comes first
# Joined to what comes before by the caller (": " or "; ").
phrase-finalizer-keeps = finalizer { $finalizer } keeps it
# $finalizers: the names, joined by phrase-list-separator.
phrase-finalizers-keep = finalizers { $finalizers } keep it
# Said after "Running and Ready" or "web-1 is Ready": it brings its own leading space.
phrase-available = {" "}and available (Ready for minReadySeconds { $seconds }s)
