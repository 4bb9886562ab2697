# The narration (src/model/narration): one line per controller step, written
# into the model as events arrive, in the language chosen at the start
# (`stsdash dump` prints it). Names, kinds, fields and phases stay as kubectl
# prints them.

## The StatefulSet (narration/mod.rs)

# $policy: Parallel or OrderedReady.
narration-sts-created = StatefulSet { $name } created: { $replicas } replicas, podManagementPolicy { $policy }
# $retention: what persistentVolumeClaimRetentionPolicy.whenDeleted does to
# its claims (delete, retain), or none when it has no volumeClaimTemplates.
narration-sts-deleted = StatefulSet { $name } deleted: the garbage collector removes its pods{ $retention ->
        [delete] ; its claims are deleted too (persistentVolumeClaimRetentionPolicy.whenDeleted: Delete)
        [retain] ; its claims are kept (persistentVolumeClaimRetentionPolicy.whenDeleted: Retain)
       *[none] {""}
    }
# Replicas changed, ordinals.start not: $first is the pod created first
# (web-3), $last the pod removed first.
narration-scale-up-parallel = { $name }: replicas { $from } → { $to }; the new pods start together (Parallel)
narration-scale-up-ordered = { $name }: replicas { $from } → { $to }; OrderedReady creates { $first } first, then each next ordinal once the previous is Ready
narration-scale-down-parallel = { $name }: replicas { $from } → { $to }; the extra pods stop together (Parallel)
narration-scale-down-ordered = { $name }: replicas { $from } → { $to }; the highest ordinal ({ $last }) goes first, one at a time
# ordinals.start changed. $pods: "web-2", "web-2 … web-4" or narration-range-no-pods.
narration-range = { $name }: ordinals.start { $start_from } → { $start_to }, replicas { $from } → { $to }: the pods are to be { $pods }; missing ordinals are created first, lowest first, then those outside the range go, highest first
narration-range-no-pods = no pods
# $from, $to: seconds.
narration-min-ready = { $name }: minReadySeconds { $from } → { $to }: a pod counts as available once it has been Ready that long
narration-rollout-complete = { $name }: rolling update complete, every pod runs revision { $revision }
# $scope: one of the narration-scope-* messages.
narration-template-changed = { $name }: the pod template changed (new revision { $revision }); { $scope }
narration-template-rolled-back = { $name }: the pod template went back to an earlier one: rolling back to revision { $revision } (its ControllerRevision is reused); { $scope }
narration-scope-on-delete = updateStrategy OnDelete: no pod is replaced, each takes the new revision when it is deleted
narration-scope-partition = ordinals ≥ { $low } (partition { $partition }) are replaced, highest first
narration-scope-max-unavailable = pods are replaced from the highest ordinal down, up to { $n } at a time (maxUnavailable { $n })
narration-scope-one-by-one = pods are replaced from the highest ordinal down, each after the one before is Ready

## Claims and volumes (narration/mod.rs)

# $class: the claim's storageClassName, or narration-default-class.
narration-claim-created = claim { $name } created (class { $class })
narration-claim-created-from-template = claim { $name } created from the StatefulSet's volumeClaimTemplate (class { $class })
narration-default-class = default
narration-claim-deleted = claim { $name } deleted
narration-claim-bound = claim { $name } bound to volume { $volume }
narration-claim-bound-provisioned = claim { $name } bound to volume { $volume }, provisioned on demand by { $provisioner }
narration-claim-bound-static = claim { $name } bound to volume { $volume }, a pre-provisioned (static) volume
narration-claim-lost = claim { $name } lost its volume
narration-claim-terminating = claim { $name } terminating
# $held: the finalizers that keep it ("finalizer example.com/x keeps it").
narration-claim-terminating-held = claim { $name } terminating: { $held }
# $pods: the pods that use it, joined with narration-list-separator.
narration-claim-terminating-in-use = claim { $name } terminating, but the kubernetes.io/pvc-protection finalizer keeps it while { $pods } uses it
# $policy: the volume's reclaimPolicy (Retain, Delete, Recycle).
narration-volume-deleted = volume { $name } deleted (reclaimPolicy { $policy })
narration-volume-of-claim-deleted = volume { $name } of claim { $claim } deleted (reclaimPolicy { $policy })
narration-volume-released = volume { $name } Released: its claim is gone; reclaimPolicy { $policy } { $policy ->
        [Retain] keeps it and its data until an admin deletes it
       *[other] removes it
    }
narration-volume-of-claim-released = volume { $name } Released: its claim { $claim } is gone; reclaimPolicy { $policy } { $policy ->
        [Retain] keeps it and its data until an admin deletes it
       *[other] removes it
    }
narration-volume-failed = volume { $name } Failed (reclaimPolicy { $policy })

## Pods (narration/pods.rs)

narration-pod-created = { $pod } created
narration-pod-scheduled = { $pod } scheduled on node { $node }
# $waited: what the pod waited for and how long (history-waited-*).
narration-pod-scheduled-waited = { $pod } scheduled on node { $node } { $waited }
narration-pod-ready = { $pod } is Ready
narration-pod-terminating = { $pod } terminating
# A new pod (UID) of an ordinal that had one. $ended: Failed or Succeeded
# when the previous one ended so, else none. $claims: its claims, joined
# with narration-list-separator.
narration-pod-recreated = { $pod } recreated{ $ended ->
        [none] {""}
       *[other] {" "}after it { $ended }
    } with a new UID: it keeps its name
narration-pod-recreated-claims = { $pod } recreated{ $ended ->
        [none] {""}
       *[other] {" "}after it { $ended }
    } with a new UID: it keeps its name and its claim { $claims }
# $strategy: the StatefulSet's updateStrategy (OnDelete, RollingUpdate).
narration-pod-recreated-at-revision = { $pod } recreated{ $ended ->
        [none] {""}
       *[other] {" "}after it { $ended }
    } at revision { $revision } ({ $strategy ->
        [OnDelete] OnDelete: a deleted pod takes the update revision
       *[RollingUpdate] rolling update
    }): it keeps its name
narration-pod-recreated-at-revision-claims = { $pod } recreated{ $ended ->
        [none] {""}
       *[other] {" "}after it { $ended }
    } at revision { $revision } ({ $strategy ->
        [OnDelete] OnDelete: a deleted pod takes the update revision
       *[RollingUpdate] rolling update
    }): it keeps its name and its claim { $claims }
narration-pod-created-parallel = { $pod } created: podManagementPolicy Parallel starts pods without waiting for each other
# $first: why the first ordinal is created first ("ordinal 0 comes first").
narration-pod-created-first = { $pod } created: { $first }
# $previous: the pod before it; $available: " and available (…)" when
# minReadySeconds is set, else empty.
narration-pod-created-next = { $pod } created: { $previous } is Ready{ $available }, and OrderedReady starts one ordinal at a time
narration-pod-ip = { $pod } got IP { $ip }
narration-pod-ip-changed = { $pod } got IP { $ip } (its previous incarnation had { $previous }): pod IPs are not stable, names are
narration-pod-ready-next = { $pod } is Ready: the controller may now create { $next }
narration-pod-ready-next-min-ready = { $pod } is Ready: after minReadySeconds ({ $seconds }s) it is available, and the controller may create { $next }
# $reason: the Ready condition's reason (ContainersNotReady).
narration-pod-not-ready = { $pod } is not Ready any more
narration-pod-not-ready-reason = { $pod } is not Ready any more ({ $reason })
narration-pod-not-ready-ordered = { $pod } is not Ready any more: OrderedReady creates, removes or replaces no pod past it until it is Ready again
narration-pod-not-ready-reason-ordered = { $pod } is not Ready any more ({ $reason }): OrderedReady creates, removes or replaces no pod past it until it is Ready again
# $phase: Failed or Succeeded.
narration-pod-terminating-ended = { $pod } terminating: it { $phase }, and the controller deletes a pod that ended to create it again
narration-pod-terminating-by-stsdash = { $pod } terminating: deleted from stsdash; the controller will recreate it
# $retention as in narration-sts-deleted.
narration-pod-terminating-sts-deleted = { $pod } terminating: StatefulSet { $statefulset } was deleted and the garbage collector removes its pods{ $retention ->
        [delete] ; its claim { $claims } is deleted too (persistentVolumeClaimRetentionPolicy.whenDeleted: Delete)
        [retain] ; its claim { $claims } is kept (persistentVolumeClaimRetentionPolicy.whenDeleted: Retain)
       *[none] {""}
    }
narration-pod-terminating-below-range = { $pod } terminating: ordinals.start is { $start }, and pods below the range are removed, highest first
narration-pod-terminating-parallel = { $pod } terminating: replicas is { $replicas }, and Parallel stops the extra pods together
narration-pod-terminating-scale-down = { $pod } terminating: replicas is { $replicas }, and scale-down removes the highest ordinal first
narration-pod-terminating-rollout = { $pod } terminating to be replaced at the update revision (rolling update, highest ordinal first)
narration-pod-terminating-deleted = { $pod } terminating: it was deleted; the controller will recreate it with the same name
# A terminating line ($line) and the finalizers that hold the pod ($held).
narration-held = { $line }; { $held }
narration-pod-gone = { $pod } gone
# $owner: the kind and name of the claim's controller (Pod other-0).
narration-pod-gone-claim-owned = { $pod } gone; its claim { $claims } is kept: { $owner } controls it, so persistentVolumeClaimRetentionPolicy does not apply to it
narration-pod-gone-claim-deleted = { $pod } gone; its claim { $claims } is deleted too (persistentVolumeClaimRetentionPolicy.whenScaled: Delete)
narration-pod-gone-claim-kept = { $pod } gone; its claim { $claims } is kept (persistentVolumeClaimRetentionPolicy.whenScaled: Retain) and will be reused if it scales up again
narration-pod-adopted = { $pod } adopted by StatefulSet { $statefulset }: it had no controller, and its name and labels match (selector { $selector })
narration-pod-released = { $pod } released by StatefulSet { $statefulset }: it is no longer its controller (its labels stopped matching { $selector }, or its owner reference was removed); the pod goes on, outside the StatefulSet
# Between the names of a list (claims, pods).
narration-list-separator = {", "}
