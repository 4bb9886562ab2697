# The class view (src/lesson/class.rs, src/app/class.rs, src/ui/class.rs).
# The summary line: its parts, joined with class-summary-separator.
class-no-students = no students yet
class-none-readable = no student's namespace readable
class-all-finished = all { $count } finished
class-past-step = { $past } of { $count } past step { $step }
class-stuck-on-step = { $count } stuck on step { $step }
class-on-step = { $count } on step { $step }
# $steps: class-on-step parts, as a list.
class-stuck-steps = { $count } stuck ({ $steps })
class-finished = { $count } finished
class-not-permitted = { $count } not permitted
class-summary-separator = {"; "}
# Starting, and the status line.
class-which-namespaces = which namespaces are the students'? -l SELECTOR (labels of namespaces) or --prefix PREFIX
class-per-namespace = watching each student's namespace on its own: this user may not list { $kinds } across the cluster
class-title = class · { $name } · { $title }
class-namespace-not-permitted = { $namespace }: not permitted to read this namespace
class-no-namespace-yet = no student's namespace yet
# $mode: class-mode-read-only or class-mode-actions.
class-zoomed = { $namespace }, { $mode } · Esc: back to the class
class-mode-actions = actions allowed
class-mode-read-only = read-only
class-connecting = connecting…
class-reconnecting = reconnecting: { $error }
# The grid.
class-sort-progress = progress
class-sort-name = name
# The column heads: the step (5 cells), the time on it (6 cells).
class-head-student = student
class-head-step = step
class-head-on = on
class-head-waiting = waiting for
class-rows = rows { $first }–{ $last } of { $count }
class-on = on
class-off = off
class-keys = ↑↓ select · Enter open · s sort: { $sort } · ! stuck first: { $stuck_first } · q quit
class-row-not-permitted = not permitted: { $message }
class-done = done
class-every-step-done = every step done
# The selected row in full.
class-detail-not-permitted = { $namespace }: not permitted to read this namespace ({ $message })
class-detail-finished = { $namespace } · every step done
class-stuck-for = stuck { $duration }
class-on-it-warning = { $duration } on it, a warning
class-on-it = { $duration } on it
class-detail = { $namespace } · step { $step } of { $count } · { $title } · { $stuck } · waiting for { $waiting }
