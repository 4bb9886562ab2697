# Running a lesson (src/app/lesson.rs) and what it does on the cluster (src/cluster/lesson/).
lesson-no-manifest = lesson { $name } has no manifest { $path }
# stsdash lesson --check. Always "steps", "questions" in English, as before.
lesson-check-ok = { $file }: ok, { $steps } steps, { $questions } questions
lesson-plan-heading = applies (created, or changed if already there):
lesson-cluster-objects-warning = { $file } may apply cluster-wide objects; it will be refused unless you pass --allow-cluster-objects
lesson-namespace-created = namespace { $namespace } created for the lesson
lesson-cleanup-start = cleaning up after the lesson: deleting what this run made
lesson-cleanup-failed = cleaning up after the lesson: { $error }
# $object: as kubectl names it, kind/name (namespace/lesson-pvc, persistentvolume/pv-a).
lesson-cleanup-deleted = { $object } deleted
lesson-cleanup-namespace-kept = namespace/{ $namespace } kept: it was there before the lesson
lesson-cleanup-volume-kept = persistentvolume/{ $volume } kept: still Bound
# $claim: NAMESPACE/CLAIM.
lesson-cleanup-volume-kept-to = persistentvolume/{ $volume } kept: still Bound to { $claim }
# What applying a manifest did, object by object ($name: kind/name).
lesson-apply-created = { $name } created
lesson-apply-configured = { $name } configured
lesson-apply-configured-kept = { $name } configured (there before the lesson: kept at cleanup)
# $message: the API server's (Apply failed with 1 conflict: …).
lesson-apply-conflict = { $name }: { $message } (stsdash does not take fields over)
lesson-namespace-being-deleted = namespace { $namespace } is still being deleted; try again once it is gone
lesson-delete-unknown-kind = cannot delete a "{ $kind }": only pod, claim, statefulset or service
lesson-exec-no-container = pod { $pod } has no container
# A step's command exited with a code other than 0: after its output.
lesson-exec-exit = (exit { $code })
# A step's delete done; $kind: pod, claim, statefulset or service.
lesson-deleted = { $kind } { $name } deleted
# The dashboard's Enter and a without a lesson, and a step's action refused (src/app/dashboard/lesson.rs).
lesson-no-lesson = Enter and a drive a lesson (stsdash lesson NAME)
lesson-act-replay = no cluster: a replay does nothing
lesson-act-read-only = read-only: stsdash changes nothing
lesson-act-no-statefulset = no StatefulSet { $name } here yet
lesson-act-no-pod = no pod { $name } to delete
lesson-kind-not-served = kind { $kind } ({ $version }): the API server does not serve it

# `lesson --list`: a built-in lesson's seed lab and its number of steps.
lesson-list-seed = seed { $seed }
lesson-list-steps = { $count ->
        [one] step
       *[other] steps
    }
lesson-list-broken = broken: { $error }
# The lesson as a script (--read-only, piped): its comment lines.
lesson-script-watch = watch: { $place }
lesson-script-until = until: { $conditions }
lesson-script-note = note: { $note }
