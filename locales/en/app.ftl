# The commands around the dashboard (src/app/, src/entry.rs): errors in
# one line, the piped summary, dump's notes on standard error, recordings,
# replays and shells.

## AppError (src/app/mod.rs)
app-terminal-error = terminal: { $error }
app-log-file-error = log file: { $error }
app-sync-timeout = no full sync within { $seconds }s: { $reason }
app-server-slow = the API server is slow to answer
app-namespace-missing = namespace { $namespace } does not exist

## Without a terminal and without a subcommand: what stsdash found.
# Labels: the values start in one column after the widest of them.
app-summary-context = context:
app-summary-server = server:
app-summary-proxy = proxy:
app-summary-version = version:
app-summary-namespace = namespace:
app-no-statefulsets = no StatefulSets in namespace { $namespace }
app-summary-statefulset = statefulset: { $name } { $ready }/{ $desired } ready

## dump on standard error
# $duration: as --for wrote it ("2m").
app-dump-watching = synced; watching for { $duration } (Ctrl-C prints the dump now)
# dump --timings (in English "pods" whatever the count, as it always said).
app-dump-timings = first full list of { $count } pods in { $list_ms } ms; views and output in { $views_ms } ms
app-cannot-start = cannot start: { $error }
app-config-error = config { $file }, line { $line }: { $reason }

## Recordings (src/app/recording.rs); $error, $reason: the system's or the JSON reader's words.
app-recording-open = cannot open recording { $path }: { $error }
app-recording-write = cannot write recording { $path }: { $error }
app-recording-empty = recording { $path } is empty
app-not-a-recording = { $path } is not an stsdash recording (line 1: { $reason })
# $found: the file's format version; $writer: "stsdash 0.3.0"; $reads: this stsdash's.
app-recording-newer-format = recording { $path } is format { $found }, written by { $writer }; this stsdash reads format { $reads }
app-recording-bad-line = recording { $path }, line { $line }: { $reason }
# $format: the header's "format", quoted.
app-recording-format-is = format is { $format }
app-recording-cut-short = the line is cut short (truncated recording?)
app-recording-unknown-variant = { $error } (recorded by a newer stsdash?)
app-recording-line-too-long = the line is longer than { $mib } MiB: not a recording stsdash wrote
app-recording-not-utf8 = the line is not UTF-8

## A replay in the dashboard: the line that says where it is.
# $event: events applied so far, of $events; $state: app-replay-end, app-replay-paused or the speed ("2×").
app-replay = replay { $name } · event { $event }/{ $events } · { $state }
app-replay-end = end
app-replay-paused = paused

## Lesson steps and shells
# Said on the terminal the shell takes, above the shell's own output.
app-shell-opened = stsdash: shell in { $namespace }/{ $pod } ({ $container }). Type exit or press Ctrl-D to return to the dashboard.
# How a shell ended, after "shell in web-0 (nginx): ".
app-shell-exited = { $shell } exited
app-shell-exited-with = { $shell } exited with status { $code }
app-shell-stopped = stopped
