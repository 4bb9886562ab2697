# The panes' own words: logs (src/ui/logs.rs), the narration pane
# (src/ui/narration.rs; what it narrates comes from the model), and the
# body before a StatefulSet is shown (src/ui/mod.rs).
logs-title = Logs
logs-none-yet = no running pod here has a log yet (j/k selects an ordinal)
logs-pane = log { $pod } · { $container } · uid { $uid }
logs-pane-nowrap = log { $pod } · { $container } · uid { $uid } · nowrap
logs-waiting = waiting for the first lines…
narration-title = What the controllers did
narration-nothing-yet = What the controllers did: nothing yet
narration-tab-hint = Tab: what the controllers did
# Before what the StatefulSet waits for.
narration-now = now
# After a line rebuilt from what the API kept, from before stsdash started.
narration-reconstructed = reconstructed
narration-own-log = stsdash's own log
screen-listing = Listing StatefulSets: waiting for the API server's first answer
screen-not-permitted = StatefulSets may not be listed here: { $message }
screen-not-found = StatefulSet { $name } not found yet: watching for it to appear
screen-none-yet = No StatefulSet here yet: watching for one to appear
