# What is down, in the header and the dump's `down` (src/model/connection.rs).
connection-every-watch = every watch: { $message }
connection-api-server = API server
# $what: the API server and the watches' resources (pods, events), joined by phrase-list-separator.
connection-down = { $what }: { $message }

## Why the API server or a watch does not deliver (Problem, same file), as
## the header's and the dump's message.
connection-no-answer = no answer within { $seconds }s
# The API server's /readyz: $checks, the checks that failed (etcd).
connection-not-ready = not ready
connection-not-ready-checks = not ready: { $checks }
