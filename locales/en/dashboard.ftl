# The dashboard's footer after a key (src/app/dashboard/actions.rs, keys.rs):
# what an action did, or why it was not sent. $action: the action in words.
action-done = done: { $action }
action-did-not = did not { $action }: { $why }
action-could-not = could not { $action }: { $why }
action-presses-dropped = ({ $count } more { $count ->
        [one] press
       *[other] presses
    } dropped)
action-no-statefulset = no StatefulSet to act on
action-statefulset-deleted = { $name } was deleted: nothing to scale
action-already-zero = { $name } already has 0 replicas
action-above-limit = { $count } replicas is above the limit of { $limit } (max_replicas in the config file)
# $ordinal: the pod's name on the selected row, which has no pod now.
action-no-pod-to-delete = { $ordinal } has no pod to delete right now
action-no-pod-for-shell = { $ordinal } has no pod to open a shell in right now
action-already-deleting = { $pod } is already being deleted
action-not-running = { $pod } is not running yet: no shell to open
action-replay = this is a replay: actions need a live cluster
action-no-cluster = no cluster connected: actions need a live cluster
# The replicas prompt's refusals.
replicas-empty = type a whole number from 0 to { $limit }
replicas-not-a-number = "{ $input }" is not a whole number (0 to { $limit })
replicas-below-zero = { $count } is below 0: replicas go from 0 to { $limit }
replicas-above-limit = { $count } is above the limit of { $limit } (max_replicas in the config file)
keys-scale-cancelled = scale cancelled: nothing changed
keys-kept = kept { $pod }: nothing deleted
keys-read-only = read-only (--read-only, or read_only in the config file): stsdash changes nothing
keys-nothing-to-choose = { $count } { $count ->
        [one] StatefulSet
       *[other] StatefulSets
    } in scope: nothing to choose
keys-replay-only = space . , [ ] steer a replay (stsdash replay FILE)
