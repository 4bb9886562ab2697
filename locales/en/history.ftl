# The history (src/model/history): stsdash's own actions in the narration
# and on the timeline, and what a pod waited for before it was scheduled.

## A pod's scheduling warnings, folded into its "scheduled on node" line:
## what it waited for and how long ($whole.$tenth seconds: 2.5).

history-waited-for-claim = (after its claim bound, { $whole }.{ $tenth } s)
history-waited-scheduling = (after { $count ->
        [one] a FailedScheduling
       *[other] { $count } FailedScheduling
    }, { $whole }.{ $tenth } s)

## stsdash's own actions, in the narration. $why: what the cluster or
## stsdash said.

history-scaled = stsdash scaled { $statefulset } from { $from } to { $to } replicas
history-deleted-pod = stsdash deleted pod { $pod }
history-opened-shell = stsdash opened a shell in { $pod } ({ $container })
# The cluster refused it or did not answer.
history-could-not-scale = stsdash could not scale { $statefulset } from { $from } to { $to }: { $why }
history-could-not-delete = stsdash could not delete pod { $pod }: { $why }
history-could-not-exec = stsdash could not shell in { $pod } ({ $container }): { $why }
# stsdash did not send it (its target was replaced or is gone since the key press).
history-did-not-scale = stsdash did not scale { $statefulset } from { $from } to { $to }: { $why }
history-did-not-delete = stsdash did not delete pod { $pod }: { $why }
history-did-not-exec = stsdash did not shell in { $pod } ({ $container }): { $why }

## The same actions as marks on the timeline's rows (`stsdash dump`
## prints them: "stsdash: scale 3 → 1").

history-mark-scale = scale { $from } → { $to }
history-mark-delete = delete
# $what: history-mark-scale, history-mark-delete or exec.
history-mark-refused = { $what } refused
history-mark-failed = { $what } failed
