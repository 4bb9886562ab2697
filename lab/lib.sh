# Shared settings for the lab scripts. Sourced, never run.
# shellcheck shell=bash
set -euo pipefail

LAB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(dirname "$LAB_DIR")
# shellcheck source=versions.env
. "$LAB_DIR/versions.env"

# Binaries are cached by version under target/lab, so a second run builds nothing.
LAB_TARGET=${LAB_TARGET:-$REPO_DIR/target/lab}
KUBE_BIN=$LAB_TARGET/kube-$KUBE_VERSION
ETCD_BIN=$LAB_TARGET/etcd-$ETCD_VERSION
# kwok is built with one block of the lab's own inserted (see lab/build): its
# cache key has the block's hash.
KWOK_BIN=$LAB_TARGET/kwok-$KWOK_VERSION-$(sha256sum <"$LAB_DIR/go/kwok/exec-in-sandbox.go.txt" | cut -c1-8)
# Everything the running cluster writes lives here; lab/down removes it.
LAB_STATE=${LAB_STATE:-$LAB_TARGET/state}
LAB_CLUSTER=${LAB_CLUSTER:-stsdash}
export KWOK_WORKDIR=$LAB_STATE/kwok

log() { printf 'lab: %s\n' "$*" >&2; }
die() { printf 'lab: error: %s\n' "$*" >&2; exit 1; }
# Runs a long step, saying every 10 s that it still runs, so no step is
# silent for long; returns the step's exit code.
with_progress() { # what command...
	local what=$1 start=$SECONDS next pid
	shift
	# Milliseconds, so that with the 0.5 s polls no silence passes 10 s.
	now_ms() { echo $((${EPOCHREALTIME/[.,]/} / 1000)); }
	next=$(($(now_ms) + 9500))
	"$@" &
	pid=$!
	while kill -0 "$pid" 2>/dev/null; do
		if (($(now_ms) >= next)); then
			log "$what: still going after $((SECONDS - start))s"
			next=$(($(now_ms) + 9500))
		fi
		sleep 0.5
	done
	wait "$pid"
}
# The lab agent is this repo's own code: its cache key is the hash of its source.
AGENT_BIN=$LAB_TARGET/agent-$(cat "$LAB_DIR"/go/kube/go.sum "$LAB_DIR"/go/kube/cmd/lab-agent/*.go "$LAB_DIR"/go/kube/cmd/lab-sandbox/*.go "$LAB_DIR"/go/kube/internal/sandbox/*.go | sha256sum | cut -c1-12)

# kwokctl logs JSON lines; show their message (and error) as plain lines.
kwok_log() {
	sed -u -n -e 's/.*"msg":"\([^"]*\)".*"err":"\([^"]*\)".*/lab: kwokctl: \1: \2/p' \
		-e 't' -e 's/.*"msg":"\([^"]*\)".*/lab: kwokctl: \1/p' >&2
}
