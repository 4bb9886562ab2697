# Shared by the lab benchmarks that read tools' screens (benches/peers,
# benches/all-namespaces-10k): tmux sessions on a private server, screens
# polled with capture-pane, keys timed to the screen. Sourced, not run.

tmux_() { tmux -L "${BENCH_TMUX:-stsdash-bench}" "$@"; }
now_ns() { date +%s%N; }
pid_of() { tmux_ display -p -t "$1" '#{pane_pid}'; }
# Whether a session's tool still runs (sessions stay after their tool exits:
# remain-on-exit, so its last screen can be read).
alive() { [[ $(tmux_ display -p -t "$1" '#{pane_dead}' 2>/dev/null) == 0 ]]; }
# CPU ticks used so far, and resident memory, of a session's tool ("" once
# it has exited).
ticks() { alive "$1" && awk '{print $14 + $15}' "/proc/$(pid_of "$1")/stat" 2>/dev/null || true; }
rss_mib() { alive "$1" && awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$(pid_of "$1")/status" 2>/dev/null || true; }

# What a tool shows: its screen, or for kubectl (a stream) the lines it
# printed after line $2 of its history.
screen() {
	if [[ $1 == kubectl ]]; then
		tmux_ capture-pane -p -J -S - -t "$1" | tail -n +"$((${2:-0} + 1))"
	else
		tmux_ capture-pane -p -t "$1"
	fi
}
# Lines printed so far (the screen's empty rows below the last line are
# not lines yet: the next ones fill them).
history_lines() { tmux_ capture-pane -p -J -S - -t "$1" | awk 'NF {n = NR} END {print n + 0}'; }

# The first moment (ns) the tool's screen has a line matching the Perl regex,
# or "miss" after the deadline (ns).
seen_at() {
	local tool=$1 pattern=$2 deadline=$3 from=${4:-0}
	while (($(now_ns) < deadline)); do
		if screen "$tool" "$from" | grep -qP -- "$pattern"; then
			now_ns
			return
		fi
		sleep 0.002
	done
	echo miss
}

# Presses `?` (the help opens) and Esc (it closes) in stsdash's session
# until killed, appending each key's latency in ms (key sent → screen
# showing it) to $2; $3 seconds between rounds.
press_keys() {
	local session=$1 out=$2 pause=$3 help='Keys · '
	while :; do
		local t0 at
		t0=$(now_ns)
		tmux_ send-keys -t "$session" '?'
		at=$(seen_at "$session" "$help" $((t0 + 5 * 10 ** 9)))
		[[ $at == miss ]] || echo $(((at - t0) / 1000000)) >>"$out"
		t0=$(now_ns)
		tmux_ send-keys -t "$session" Escape
		while screen "$session" | grep -qF "$help" && (($(now_ns) < t0 + 5 * 10 ** 9)); do :; done
		echo $((($(now_ns) - t0) / 1000000)) >>"$out"
		sleep "$pause"
	done
}

# "N keys: p50 / p99 / max" of the latencies (ms) on standard input.
percentiles() {
	sort -n | awk '{v[NR] = $1} END {if (NR) printf "%d keys: p50 %d / p99 %d / max %d ms", NR, v[int((NR + 1) / 2)], v[int(NR * 0.99 + 0.999)], v[NR]}'
}

# Median / max of the numbers given, "— (not shown)" if none; misses counted.
stats() {
	local values misses
	values=$(tr ' ' '\n' <<<"$*" | grep -E '^[0-9]+$' | sort -n || true)
	misses=$(tr ' ' '\n' <<<"$*" | grep -c miss || true)
	if [[ -z $values ]]; then
		echo "— (not shown)"
		return
	fi
	local n median max
	n=$(wc -l <<<"$values")
	median=$(sed -n "$(((n + 1) / 2))p" <<<"$values")
	max=$(tail -n 1 <<<"$values")
	echo "$median / $max ms$( ((misses)) && echo " ($misses of $((n + misses)) not shown)")"
}
