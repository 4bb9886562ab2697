# An action stsdash takes, as the status line says it ("scale web from 3
# to 5…") and the narration ("stsdash could not …: why")
# (src/model/event.rs): said as an order.
action-scale = scale { $name } from { $from } to { $to }
action-delete-pod = delete pod { $pod }
action-shell = shell in { $pod } ({ $container })

## Why stsdash did not send an action (src/model/why.rs: Refusal), after
## "did not …: ". $key: the keys of the action (action-keys-scale, d, e).
action-keys-scale = s, + or -
action-replaced = { $name } was replaced since you pressed { $key } (uid { $was } → { $now })
action-gone = { $name } is gone since you pressed { $key }
# stsdash runs read-only (--read-only, or read_only in the config file).
action-refused-read-only = read-only

## Why an action failed (src/model/why.rs: Failure), after "could not …: ".
## $message: the API server's (or the connection's) own words.
action-forbidden = forbidden: { $message }
action-not-found = not found: { $message }
action-conflict = conflict: { $message }
action-timeout = no answer from the API server within { $seconds }s
action-refused = refused: { $message }
action-unreachable = cannot reach the API server: { $message }
# A 504 from the API server: it waited too long for what it asked of etcd.
action-gave-up-waiting = the API server gave up waiting: { $message }
# A shell (e) that could not be had, or whose connection was lost.
# $shells: the shells to try (the config file's shells), none given.
action-no-shell-to-try = no shell to try (shells: { $shells })
# $tried: each shell with why it did not start, joined with "; ".
action-no-shell-could-start = no shell could start ({ $tried })
action-exec-no-stdio = the exec stream has no stdin or stdout
action-exec-no-status = the exec stream has no status
action-shell-connection-lost = connection lost: { $error }
action-shell-connection-closed = connection closed without an exit status
# The server said a command failed, without saying why.
action-exec-failed = failed
