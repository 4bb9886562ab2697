# The waiting line: what the StatefulSet controller does next, what it
# waits for, by which rule, and what would move it on
# (src/model/controller/words.rs). The dashboard's now line and the dump's
# `waiting` say these; a Waiting's text and rule are both shown.

# Why a pod outside the replica range goes (before ": web-3 …").
waiting-scaling-down-to = scaling down to { $replicas }
waiting-start-is = ordinals.start is { $start }
# What a pod must become for OrderedReady to move on (the $state of the
# sentences below; "Ready" alone is said as the condition's name).
waiting-state-available = available (Ready for { $ready }s of minReadySeconds { $min }s, { $left }s to go)
waiting-state-gone = gone
waiting-state-ready-available = Ready and available
# What holds a pod up, after the sentence about it: " (Reason: message)"
# from its newest Warning Event. It brings its own leading space.
waiting-because = {" "}({ $event })

waiting-sts-gone = StatefulSet { $name } was deleted: nothing creates or replaces its pods any more
waiting-sts-gone-rule = no controller acts for a StatefulSet that is gone
waiting-sts-deleting = StatefulSet { $name } is being deleted: the garbage collector removes its pods
# $finalizers: "finalizer x keeps it" (phrase-finalizer-keeps).
waiting-sts-deleting-held = StatefulSet { $name } is being deleted: { $finalizers }: the garbage collector removes its pods
waiting-sts-deleting-rule = the controller only writes the status of a StatefulSet being deleted

# The controller has not read the spec's change (status.observedGeneration
# behind metadata.generation); $duration: "40s", "3 min".
waiting-idle-observed = the StatefulSet controller has not acted on generation { $generation } of { $name } for { $duration } (status is of generation { $observed }): kube-controller-manager may be down or behind, and nothing changes until it acts
waiting-idle-no-status = the StatefulSet controller has not acted on generation { $generation } of { $name } for { $duration } (no status yet): kube-controller-manager may be down or behind, and nothing changes until it acts
waiting-unread-observed = the StatefulSet controller has not read generation { $generation } of { $name } yet (status is of generation { $observed }): what follows is as of the spec before
waiting-unread-no-status = the StatefulSet controller has not read generation { $generation } of { $name } yet (no status yet): it has not acted on it at all
waiting-observed-rule = the controller acts on the spec it has read: status.observedGeneration says which
waiting-controller-unblock = look at kube-controller-manager: that it runs, that it leads, what its log says

waiting-ordered-rule = OrderedReady acts on one pod at a time, in ordinal order, and only while every pod below is Running and Ready
waiting-ordered-rule-available = OrderedReady acts on one pod at a time, in ordinal order, and only while every pod below is Running and Ready and available (Ready for minReadySeconds { $seconds }s)
# A rolling update's target ($rolling below).
waiting-rolling-update = rolling update to revision { $revision }
waiting-rolling-back = rolling back to revision { $revision } (an earlier template)

# $pods: a list (phrase-list-more).
waiting-create-parallel = { $pods } not created yet (Parallel)
waiting-create-parallel-rule = Parallel creates every missing pod at once
# $why: phrase-first-ordinal-zero or phrase-first-ordinal-start.
waiting-create-first = { $pod } about to be created: { $why }
waiting-create-next = { $pod } about to be created: { $previous } is { $state }

waiting-adopt = { $pod } has no controller: StatefulSet { $name } adopts it if its labels match the selector { $selector }
waiting-adopt-rule = the controller adopts an orphan pod named <name>-<ordinal> whose labels match its selector
# $kind $owner: the controller that owns the pod (ReplicaSet web-abc).
waiting-name-taken = { $pod } exists but is controlled by { $kind } { $owner }: StatefulSet { $name } cannot create its own { $pod } while it does
waiting-name-taken-rule = a pod's name is unique in its namespace: the controller's create fails
waiting-name-taken-unblock = delete that { $pod }, or give the StatefulSet another name
waiting-outside = { $pod } still exists outside StatefulSet { $name } (its labels no longer match { $selector }): the controller cannot create { $pod } while it does
waiting-outside-rule = a pod's name is unique in its namespace: the controller's create fails (it records no Event for that)
waiting-outside-unblock = give { $pod } its labels back (it is adopted again), or delete it
waiting-claim-missing = { $pod } is Pending and its claim { $claims } is missing: the controller creates it again when it next syncs { $name } (on any change to it or its pods)
waiting-claim-missing-rule = the controller creates a Pending pod's missing template claims again each time it syncs the StatefulSet
# $phase: Failed or Succeeded; $because: " (Evicted)" or empty.
waiting-recreate = { $pod } { $phase }{ $because }: the controller deletes it and creates { $pod } again
waiting-recreate-rule = a Failed or Succeeded pod is deleted and created again with the same name

waiting-terminating = { $pod } Terminating; the controller waits for it to be gone before it creates { $pod } again
waiting-terminating-held = { $pod } Terminating: { $finalizers }; the controller waits for it to be gone before it creates { $pod } again
# Said after a sentence, with its own "; ".
waiting-waits-too = {"; "}{ $pod } waits for it too (OrderedReady)
waiting-terminating-rule = a pod is created again only once the one of that name is gone
waiting-finalizer-unblock = whoever set the finalizer removes it (kubectl patch pod { $pod } --type=merge -p '{"{"}"metadata":{"{"}"finalizers":null{"}"}{"}"}')

waiting-scale-down-parallel-one = scaling down to { $replicas }: Parallel stops { $pods }
waiting-scale-down-parallel = scaling down to { $replicas }: Parallel stops { $pods } together
waiting-scale-down-parallel-rule = Parallel removes every pod outside the replica range at once
waiting-below-range = ordinals.start is { $start }: { $pod } is below the range and goes, highest first
waiting-scale-down-first = scaling down to { $replicas }: { $pod } goes first
waiting-scale-down-rule = scale-down removes the highest ordinal first, one at a time, each once the one before is gone
# $why: waiting-scaling-down-to or waiting-start-is.
waiting-scale-down-terminating = { $why }: { $pod } Terminating
waiting-scale-down-terminating-held = { $why }: { $pod } Terminating: { $finalizers }
# Said after a sentence, with its own "; ".
waiting-goes-next = {"; "}{ $pod } goes once it is gone
waiting-scale-down-terminating-rule = scale-down removes one pod at a time, each once the one before is gone

waiting-update-next = { $rolling }: { $pods } replaced next (highest ordinal first, one at a time)
waiting-update-next-many = { $rolling }: { $pods } replaced next (highest ordinal first, up to { $n } at a time (maxUnavailable { $n }))
waiting-update-rule = RollingUpdate replaces pods from the highest ordinal down to the partition, each once the pods above are Running and Ready
# One pod kept below the partition, then several.
waiting-partitioned-one = partition { $partition }: { $pods } stays at revision { $revision } (ordinals below { $low } are not updated)
waiting-partitioned = partition { $partition }: { $pods } stay at revision { $revision } (ordinals below { $low } are not updated)
waiting-partitioned-rule = RollingUpdate replaces only pods whose ordinal is at least start + partition
waiting-partitioned-unblock-one = lower spec.updateStrategy.rollingUpdate.partition to update it
waiting-partitioned-unblock = lower spec.updateStrategy.rollingUpdate.partition to update them
waiting-on-delete-one = updateStrategy OnDelete: { $pods } runs an older revision than { $revision }; the controller does not replace it, it takes { $revision } when it is deleted
waiting-on-delete = updateStrategy OnDelete: { $pods } run an older revision than { $revision }; the controller replaces none of them, each takes { $revision } when it is deleted
waiting-on-delete-rule = OnDelete: a new template reaches a pod only when the pod is deleted and created again
waiting-on-delete-unblock = delete a pod to have it created at revision { $revision }

# A pod ($blocking) holds the next step back; $state: waiting-state-*.
waiting-blocked-create = { $pod } not created yet: OrderedReady waits for { $blocking } to be { $state }{ $because }
waiting-blocked-scale-down = { $why }: { $pod } goes only once { $blocking } is { $state }{ $because }
waiting-blocked-update = { $rolling }: { $pod } is replaced only once { $blocking } is { $state }{ $because }
waiting-pending = { $pod } is Pending, not on a node yet{ $because }
waiting-not-available = { $pod } is Ready, not yet { $state }
waiting-not-ready = { $pod } is not Ready ({ $phase }){ $because }
waiting-pending-rule = a pod runs once the scheduler puts it on a node, and that waits for its claims to bind
waiting-not-available-rule = a Ready pod counts as available after minReadySeconds ({ $seconds }s)
waiting-update-one-rule = RollingUpdate replaces one pod at a time, each once the one replaced before it is Running and Ready

# A Warning Event on the StatefulSet: the controller tries and fails.
waiting-failing = { $waiting }; the controller tries and fails: { $message }
# A step nothing holds back has not come ($not_done), for $duration.
waiting-not-created = { $pod } not created
waiting-not-adopted = { $pod } not adopted
waiting-not-deleted = { $pod } not deleted
waiting-not-removed = { $pod } not removed
waiting-not-replaced = { $pod } not replaced
waiting-overdue = { $not_done } for { $duration } though nothing holds it back ({ $waiting }): the StatefulSet controller has not acted; kube-controller-manager may be down or behind
