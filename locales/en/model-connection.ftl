# What is down, in the header and the dump's `down` (src/model/connection.rs).
connection-every-watch = every watch: { $message }
connection-api-server = API server
# $what: the API server and the watches' resources (pods, events), joined by phrase-list-separator.
connection-down = { $what }: { $message }
