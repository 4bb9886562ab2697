# The storage graph (src/ui/storage): pods, claims, volumes, classes.
storage-title = Storage
storage-title-retention = Storage · retention whenScaled { $scaled } / whenDeleted { $deleted }
# The graph in one line; $phases: "3 Bound, 1 Pending" (phases as kubectl says them).
storage-line = Storage: { $summary }
storage-summary = { $claims } { $claims ->
        [one] claim
       *[other] claims
    } ({ $phases }) · { $volumes } { $volumes ->
        [one] volume
       *[other] volumes
    }
storage-summary-tab = { $claims } { $claims ->
        [one] claim
       *[other] claims
    } ({ $phases }) · { $volumes } { $volumes ->
        [one] volume
       *[other] volumes
    } · Tab shows them
storage-phase-gone = { $count } gone
storage-no-claims = no claims: the StatefulSet has no volumeClaimTemplates, and no claim or volume is in scope
# On the bottom border. $plus: "+" when there are more below than were made; $key: "Tab" or "j k".
storage-facts-hint = ▸ its facts: Tab
storage-more-rows = { $count }{ $plus } more rows: { $key }
# The columns' heads.
storage-head-pods = Pods
storage-head-claims-namespace = Claims · namespace { $namespace }
storage-head-claims-ns = Claims · ns { $namespace }
storage-head-claims-namespaced = Claims · namespaced
storage-head-claims = Claims
storage-head-volumes = Volumes
storage-head-classes = Classes
storage-head-cluster = cluster
# The legend of the facts' abbreviations; $abbrev: storage-dyn or storage-static.
storage-legend-rwo = RWO ReadWriteOnce: one node at a time
storage-legend-dyn = { $abbrev } made for its claim by the provisioner
storage-legend-static = { $abbrev } made by hand
storage-legend-rwx = RWX ReadWriteMany
storage-legend-rox = ROX ReadOnlyMany
# The cells: a name, its state, short facts.
storage-deleted = deleted
storage-not-created = not created
storage-kept-no-pod = kept, no pod
storage-held = held by pvc-protection
storage-no-claim = no claim:
storage-claim-deleted = { $claim } deleted
storage-reserved-for = reserved for
storage-no-claim-yet = no claim yet
storage-dyn = dyn
storage-static = static
storage-pinned-to = pinned to { $node }
storage-node-affinity = node affinity
storage-volumes-not-permitted = volumes: not permitted
storage-no-volume-yet = no volume yet
storage-default-mark = (default)
storage-classes-not-permitted = classes: not permitted
storage-no-class = (no class)
storage-reclaim = reclaim { $policy }
storage-expandable = expandable
storage-not-expandable = not expandable
# Between the facts of a list.
storage-list-separator = {", "}
# The selected row's facts in words.
storage-size-asked = { $size } (asked { $asked })
storage-detail-class = class { $class }
storage-detail-pods-unwatched = which pods mount it is not known: stsdash watches one StatefulSet's pods
storage-detail-used-by = used by { $pods }
storage-detail-kept = kept: no pod mounts it
storage-detail-held = held by pvc-protection while a pod uses it
storage-detail-claim = claim { $claim } (namespace { $namespace }):
storage-detail-dynamic = dynamic ({ $provisioner })
storage-detail-static = static (made by hand)
storage-detail-was-bound = was bound to { $claim }
storage-detail-reserved-for = reserved for { $claim }
storage-detail-pinned = pinned to { $node }: its pod runs there only
storage-detail-node-affinity = node affinity { $affinity }
storage-detail-not-pinned = not pinned to a node
storage-detail-volume = volume { $volume } (cluster):
storage-detail-default = default
storage-detail-class-node = class { $class } (cluster):
