# The keys (src/app/keymap.rs): what the help (?) says each does, and the
# footer's word for it (key-short-*: short, the footer is one line).
key-lesson-step = lesson: do the step, or go on to the next one
key-lesson-answer = lesson: the answer, and where the screen shows it
key-quit = quit
key-help = help
key-focus = focus next / previous pane
key-select-down = select the next ordinal
key-select-up = select the previous ordinal
key-time = scroll back / forward in time
key-zoom = zoom the time window (15s … 1h)
key-pause = pause the live view (events are still collected)
key-theme = next theme
key-pick = choose the StatefulSet (when there are several)
key-scale = scale the StatefulSet up / down by one
key-set-replicas = set the number of replicas (asks for it)
key-delete = delete the selected pod (asks y/n)
key-exec = shell in the selected pod (exit returns here)
key-log = log of the selected pod (again: close)
key-all-logs = logs of all pods, side by side (again: close)
key-wrap = wrap long log lines on / off
key-container = next container of the pod
key-own-log = stsdash's own log (watch errors, log streams, actions)
key-replay-pause = replay: pause / go on
key-replay-step = replay: one event forward / back
key-replay-speed = replay: half / double speed
key-close = close a dialog
# An action's line in the help with --read-only.
key-disabled = { $what } (disabled: --read-only)
key-short-step = step
key-short-answer = answer
key-short-quit = quit
key-short-help = help
key-short-focus = focus
key-short-select = select
key-short-time = time
key-short-zoom = zoom
key-short-pause = pause
key-short-theme = theme
key-short-scale = scale
key-short-delete = delete
key-short-exec = exec
key-short-log = log
# The space bar, as the help names it.
key-name-space = space
