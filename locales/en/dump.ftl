# `stsdash dump` and a piped `stsdash replay`: the text form (src/app/dump/).
# Kubernetes' own words stay as kubectl prints them in every language:
# kinds, phases (Pending, Bound, Released, Terminating), field names
# (whenDeleted, reclaimPolicy, serviceName, clusterIP), strategies.
# $duration, $column: a duration as "21s 800ms".
dump-connection = connection: { $state }   watched for { $duration }
dump-connecting = connecting
dump-synced = synced
# $since: seconds from the first event ("+1.5s"); $down: what is down and why, joined with "; ".
dump-reconnecting = reconnecting since { $since } ({ $down })
# $kinds: resources as RBAC names them (persistentvolumes, storageclasses), a list.
dump-not-permitted = not permitted: { $kinds }
dump-statefulset-not-found = StatefulSet { $name } not found in namespace { $namespace }
dump-statefulset-not-found-anywhere = StatefulSet { $name } not found in any namespace
dump-no-statefulset = no StatefulSet in namespace { $namespace }
dump-no-statefulset-anywhere = no StatefulSet in any namespace
# $strategy: RollingUpdate or OnDelete; $policy: OrderedReady or Parallel;
# $partition: ", partition 2" or nothing; $revision: dump-revision or dump-revision-change.
dump-replicas = replicas { $desired } desired / { $current } current / { $ready } ready / { $updated } updated / { $available } available; { $strategy } { $policy }{ $partition }; { $revision }
dump-revision = revision { $revision }
dump-revision-change = revision { $from } → { $to }
# Why the StatefulSet is not yet where it wants to be (the text and rule come from the model).
dump-waiting = waiting: { $text }
dump-rule = rule: { $rule }
dump-unblock = to move it: { $unblock }
# The letters are the timeline's own (P S C R Y T .): they stay in every language.
dump-timeline = Timeline ({ $column } per column; P pending, S scheduled, C creating, R running, Y ready, T terminating, . gone; lower case: reconstructed)
dump-not-created-yet = not created yet
# $events: the Events the API kept from before stsdash started, a list of "+1.0s event Killing".
dump-kept-by-the-api = { $pod } kept by the API: { $events }
dump-storage = Storage (pod → claim → volume → class)
dump-retention = retention policy: whenDeleted { $when_deleted }, whenScaled { $when_scaled }
dump-released-volume = (no claim) → volume { $name } Released, reclaimPolicy { $reclaim_policy }
dump-other-claims = claims of no StatefulSet in this namespace:
dump-service-unset = Network identity: service (none: spec.serviceName is unset, so pods have no stable DNS names)
dump-service-missing = Network identity: service { $name } (missing: the StatefulSet's serviceName names no Service)
dump-service-headless = Network identity: service { $name } (headless, clusterIP None)
dump-service-not-headless = Network identity: service { $name } (not headless: it has a cluster IP)
dump-endpoint-ready = ready endpoint
dump-endpoint-not-ready = endpoint not ready
dump-no-endpoint = no endpoint
# $revisions: a list of "0=web-74464f9749" and dump-old-revision.
dump-revisions-by-ordinal = Revisions by ordinal: { $revisions }
dump-old-revision = { $ordinal }={ $revision } (old)
dump-narration = Narration
# Marks on a pod's line, each after its time ("+1.2s created").
dump-mark-created = created
dump-mark-scheduled = on { $node }
dump-mark-ip = ip { $ip }
dump-mark-ip-changed = ip { $ip } (was { $previous })
dump-mark-ready = ready
dump-mark-deletion-requested = deletion requested
dump-mark-deletion-requested-grace = deletion requested (grace { $grace }s)
dump-mark-deleted = deleted
dump-mark-released = released by the StatefulSet
dump-mark-adopted = adopted by the StatefulSet
dump-mark-revision = revision { $hash }
# $what: what stsdash did, as the model says it.
dump-mark-action = stsdash: { $what }
# $reason: the Event's reason (Killing, FailedScheduling).
dump-mark-event = event { $reason }
# One storage line: pod → claim → volume → class.
dump-no-pod = (no pod)
# $facts: a list: the claim's phase, its size, its access modes, and the facts below.
dump-claim = claim { $name } ({ $facts })
dump-claim-deleted = claim { $name } (deleted)
dump-claim-not-created = claim { $name } (not created)
dump-claim-protected = Terminating, held by pvc-protection
dump-claim-pods-unwatched = which pods mount it is not watched
dump-claim-without-pod = kept, no pod uses it
# $phase: Available, Bound, Released, Failed; $source: dump-volume-static or dump-volume-provisioned-by.
dump-volume = volume { $name } ({ $phase }, reclaimPolicy { $reclaim_policy }, { $source })
dump-volume-static = static
dump-volume-provisioned-by = provisioned by { $provisioner }
dump-volume-not-permitted = volume: not permitted
dump-no-volume-yet = no volume yet
# $binding_mode: Immediate or WaitForFirstConsumer.
dump-class = class { $name } ({ $provisioner }, { $reclaim_policy }, { $binding_mode })
dump-class-expandable = class { $name } ({ $provisioner }, { $reclaim_policy }, { $binding_mode }, expandable)
dump-class-not-permitted = class: not permitted
dump-class-named = class { $name }
dump-class-default = class (default)
