# The API server's load, for benches/class: sourced after its set-up (the
# class, `kubectl proxy` at $api, `scale`, `watches`, the tmux helpers).

# "requests watch-events watch-bytes cpu-seconds" of the API server so far.
metrics() {
	curl -sf "$api/metrics" | awk '
		/^apiserver_request_total\{/ {r += $NF}
		/^apiserver_watch_events_total\{/ {e += $NF}
		/^apiserver_watch_events_sizes_sum\{/ {b += $NF}
		/^process_cpu_seconds_total / {c = $NF}
		END {printf "%d %d %d %.2f\n", r, e, b, c}'
}

# The API server's load over $load_secs seconds with one fixed change in it:
# the last 3 students scale mehdb 4 → 3, and back to 4 after 20 s.
load_window() {
	local t0 m0 left
	t0=$(now_ns)
	m0=$(metrics)
	for i in 0 1 2; do scale "$prefix$((students - i))" 3; done
	sleep 20
	for i in 0 1 2; do scale "$prefix$((students - i))" 4; done
	left=$((load_secs * 10 ** 9 - ($(now_ns) - t0)))
	((left <= 0)) || sleep "$(awk -v n="$left" 'BEGIN {printf "%.3f", n / 1e9}')"
	echo "$(metrics) $m0" | awk '{printf "%d %d %d %.2f\n", $1 - $5, $2 - $6, $3 - $7, $4 - $8}'
}

# One window's load less another's, field by field.
load_less() {
	echo "$1 $2" | awk '{printf "%d %d %d %.2f\n", $1 - $5, $2 - $6, $3 - $7, $4 - $8}'
}
load_words() { awk '{printf "%d requests, %d watch events, %.0f KiB to watchers, %.2f s CPU", $1, $2, $3 / 1024, $4}' <<<"$1"; }
load_cells() { awk '{printf "%+d | %+d | %+.0f KiB | %+.2f s", $1, $2, $3 / 1024, $4}' <<<"$1"; }

# Waits (at most $2 s) until the API server holds $1 watches more than
# $w0, then a little while for them to stay; says how many it holds more.
settle_watches() {
	local want=$1 limit=$2 t0 now
	t0=$(date +%s)
	while :; do
		now=$(($(watches) - w0))
		((now >= want || $(date +%s) - t0 > limit)) && break
		sleep 1
	done
	sleep "${SETTLE31:-30}"
	echo $(($(watches) - w0))
}

# The RSS (MiB) of these processes, summed.
rss_of() {
	local p kib=0 k
	for p in "$@"; do
		k=$(awk '/VmRSS/ {print $2}' "/proc/$p/status" 2>/dev/null || true)
		kib=$((kib + ${k:-0}))
	done
	echo $((kib / 1024))
}

# 31 stsdash beside the kubectl processes of the same watches.
thirty_one() {
	local users kinds=(statefulsets pods persistentvolumeclaims services endpointslices controllerrevisions events) i k kc
	users=$(dirname "$teacher")
	declare -A held load mem
	log "no tool: the API server's load over ${load_secs}s"
	local none
	none=$(load_window)

	# kubectl: each student's 7 kinds in their namespace, as that student
	# (what a student's stsdash watches: volumes and classes are refused them),
	# and the teacher's as the admin, across the cluster.
	w0=$(watches)
	for ((i = 1; i <= students; i++)); do
		kc=$users/$prefix$i-student.kubeconfig
		for k in "${kinds[@]}"; do
			KUBECONFIG=$kc "$kubectl" -n "$prefix$i" get "$k" -w >/dev/null 2>&1 &
			pids+=($!)
		done
	done
	for k in namespaces statefulsets pods persistentvolumeclaims; do
		"$kubectl" get "$k" -A -w >/dev/null 2>&1 &
		pids+=($!)
	done
	"$kubectl" get events -A -w --field-selector type=Warning >/dev/null 2>&1 &
	pids+=($!)
	log "kubectl: ${#pids[@]} processes"
	held[kubectl]=$(settle_watches "${#pids[@]}" 180)
	mem[kubectl]=$(rss_of "${pids[@]}")
	log "kubectl: the API server's load over ${load_secs}s"
	load[kubectl]=$(load_less "$(load_window)" "$none")
	kill "${pids[@]}" 2>/dev/null || true
	pids=()
	until (($(watches) - w0 <= 0)); do sleep 1; done

	# stsdash: each student's lesson as that student, the teacher's class;
	# with BEFORE, another binary the same way after it.
	local tools=(stsdash) t
	[[ -z ${BEFORE:-} ]] || tools+=(before)
	for t in "${tools[@]}"; do
		if [[ $t == before ]]; then thirty_one_stsdash "$t" "$BEFORE"; else thirty_one_stsdash "$t" "$bin"; fi
	done

	echo
	echo "$(date -u +%Y-%m-%d), $(nproc) cores, release build; $students students × mehdb at 4 replicas"
	echo
	echo "The API server over ${load_secs}s (3 students scale 4 → 3 → 4), less no tool ($(load_words "$none"))"
	echo
	echo "| clients | watches held (/metrics) | requests | watch events sent | watch bytes sent | API server CPU | clients' RSS |"
	echo "|---|---|---|---|---|---|---|"
	echo "| $((students * ${#kinds[@]} + 5)) kubectl get -w | ${held[kubectl]} | $(load_cells "${load[kubectl]}") | ${mem[kubectl]} MiB |"
	for t in "${tools[@]}"; do
		echo "| $((students + 1)) stsdash${t/stsdash/} | ${held[$t]} | $(load_cells "${load[$t]}") | ${mem[$t]} MiB |"
	done
}

# 31 stsdash of binary $2 (named $1 in the table): each student's lesson as
# that student, the teacher's class as the admin; sets held, mem and load.
thirty_one_stsdash() {
	local name=$1 binary=$2 i kc s
	w0=$(watches)
	for ((i = 1; i <= students; i++)); do
		kc=$users/$prefix$i-student.kubeconfig
		tmux_ new-session -d -s "student-$i" -x 100 -y 30 \
			"exec env KUBECONFIG=$kc $binary --theme projector lesson mehdb --student -n $prefix$i"
	done
	tmux_ new-session -d -s teacher -x 100 -y 40 "exec $binary --theme projector class mehdb --prefix $prefix"
	local sessions=()
	for ((i = 1; i <= students; i++)); do sessions+=("student-$i"); done
	sessions+=(teacher)
	held[$name]=$(settle_watches $((students * ${#kinds[@]} + 5)) 180)
	local spids=()
	for s in "${sessions[@]}"; do spids+=("$(pid_of "$s")"); done
	mem[$name]=$(rss_of "${spids[@]}")
	for s in "${sessions[@]}"; do
		alive "$s" || log "$s exited: $(tmux_ capture-pane -p -t "$s" | grep -v '^\s*$' | tail -n 2)"
	done
	log "$name: the API server's load over ${load_secs}s"
	load[$name]=$(load_less "$(load_window)" "$none")
	for s in "${sessions[@]}"; do tmux_ kill-session -t "$s"; done
	until (($(watches) - w0 <= 0)); do sleep 1; done
}
