# The lesson strip under the panes and its recap (src/app/dashboard/strip.rs, src/ui/lesson.rs),
# what a step says (src/lesson/run.rs), its conditions in words (src/lesson/condition.rs).
lesson-strip-title = lesson { $name } · step { $step } of { $count } · { $title }
lesson-keys-recap = Enter recap · q quit
lesson-keys-replay = a answer · space pause
lesson-keys-answer-next = a answer · Enter next
lesson-keys-next = Enter next
lesson-keys-do = Enter do it
lesson-keys-skip = Enter Enter skip
lesson-keys-when-done = Enter when done
# The labels of the strip's lines (at most 7 cells in English: the text starts after them).
lesson-label-do = do
lesson-label-run = run
lesson-label-same-as = same as
lesson-label-applies = applies
lesson-label-output = output
lesson-label-failed = failed
lesson-label-watch = watch
lesson-label-note = note
lesson-label-done = done
lesson-label-then = then
lesson-label-waiting = waiting
lesson-label-answer = answer
# What a step does, in words. $file: the manifest's path.
lesson-act-apply = apply { $file } (server-side apply, field manager stsdash)
# Always "replicas" in English, as before (said so to 1 too).
lesson-act-scale = scale { $statefulset } to { $replicas } replicas
# $kind: pod, claim, statefulset or service.
lesson-act-delete = delete { $kind } { $name }
lesson-act-exec = run in { $pod }: { $command }
lesson-act-yourself = do it yourself
lesson-act-watch = nothing to do: watch
# $act: one of the lesson-act messages above.
lesson-act-by-hand = { $act } yourself
# $keys: the dashboard's keys that do it (lesson-keys-delete-pod, s 3 Enter…).
lesson-act-with-keys = { $act } · key { $keys }
lesson-keys-delete-pod = select { $name }, d, y
lesson-keys-exec = select { $pod }, e, then the command
lesson-then = waits for { $conditions }
lesson-waiting = { $seconds }s for { $conditions }
# $place: lesson-place or lesson-place-row.
lesson-answer-at = look at the { $place }: { $answer }
# A place on the screen. $pane: header, timeline, storage, narration or logs.
lesson-place = { $pane ->
        [header] header
        [timeline] timeline
        [storage] storage
        [narration] narration
       *[logs] logs
    }
lesson-place-row = { $pane ->
        [timeline] timeline
        [storage] storage
       *[logs] logs
    }, row { $row }
# A condition still open, and what the cluster shows instead.
lesson-waiting-now = { $condition } (now { $now })
lesson-waiting-nothing = nothing
# What Enter and a say (the status line).
lesson-say-replay = a recorded lesson: its steps follow the recording (a answers)
lesson-say-doing = { $act }: waiting for the cluster to answer
lesson-say-skip = still waiting for { $conditions }: Enter again skips this step
lesson-say-student-waits = this step ends when the cluster shows it: waiting for { $conditions }
lesson-say-no-question = this step asks no question
lesson-say-answer-later = the answer comes once the step is done (Enter skips it)
# The recap at the end.
lesson-recap-title = recap · { $title }
lesson-recap-keys = j/k scroll · q quit · Esc close
lesson-recap-seen = answer seen
lesson-recap-skipped = skipped
lesson-recap-not-revealed = answer not revealed
# A condition in words. Phases (Ready, Bound…) as kubectl prints them.
lesson-condition-pod = { $name } { $state ->
        [ready] Ready
        [running] Running
        [pending] Pending
        [terminating] Terminating
        [gone] gone
       *[replaced] replaced (Ready with a new UID)
    }
lesson-condition-claim = claim { $name } { $state ->
        [bound] Bound
        [pending] Pending
        [terminating] Terminating
        [kept] kept with no pod
        [used] used by a pod
       *[gone] gone
    }
lesson-condition-volume = volume { $name } { $state ->
        [available] Available
        [bound] Bound
        [released] Released
       *[gone] gone
    }
lesson-condition-volume-of = volume of { $claim } { $state ->
        [available] Available
        [bound] Bound
        [released] Released
       *[gone] gone
    }
lesson-condition-set-ready = { $name }: { $count } ready of { $count }
lesson-condition-set-updated = { $name }: { $count } updated
lesson-condition-set-rolled-out = { $name }: rolling update complete
lesson-condition-set-gone = StatefulSet { $name } gone
# What the cluster shows instead ($phase: as kubectl prints it).
lesson-now-same-uid = { $phase } (the same UID)
lesson-now-new-uid = { $phase } (a new UID)
lesson-now-no-pod = no such pod
lesson-now-no-claim = no such claim
lesson-now-claim-unused = { $phase }, no pod
lesson-now-claim-used = { $phase }, used by { $pods }
lesson-now-no-volume = no such volume
lesson-now-no-statefulset = no such StatefulSet
lesson-now-statefulset = { $desired } desired, { $ready } ready, { $updated } updated
# What a lesson applies (the applies line, --check): an object outside the namespace.
lesson-plan-cluster-wide = { $kind } { $name } (cluster-wide)
