#!/usr/bin/env bash
# cwa, the front, and cwa-entrypoint: the last period survives every stop.
. "$(dirname "$0")/lib.sh"

P=4
opts=(-n App -s web -p "$P" -i 0.1 --dry-run)

# Sleep until the middle of a period, so the last window is a partial one.
mid_period() {
	while :; do
		f=$(date +%s.%N | awk -v p="$P" '{ print $1 - int($1 / p) * p }')
		awk -v f="$f" -v p="$P" 'BEGIN { exit !(f > p * 0.3 && f < p * 0.5) }' && break
		sleep 0.1
	done
	date +%s.%N
}

# check_flush "what" file kill-time: the partial period came out, whole.
check_flush() {
	local want=$(awk -v t="$3" -v p="$P" 'BEGIN { printf "%d", int(t / p) * p }')
	jq -e '.Namespace == "App"' "$2" >/dev/null
	tap $? "$1: every line is a request"
	is "$1: the last request is the partial period $want" \
	    "$(tail -1 "$2" | jq '.MetricData[0].Timestamp')" "$want"
	is "$1: its four metrics" \
	    "$(tail -1 "$2" | jq -r '.MetricData[].MetricName' | sort | xargs)" \
	    "CPUUtilization MaxCPUUtilization MaxMemoryUtilization MemoryUtilization"
	is "$1: with ServiceName" \
	    "$(tail -1 "$2" | jq -r '.MetricData[0].Dimensions[0] | .Name + "=" + .Value')" \
	    "ServiceName=web"
}

# Usage.
err=$(cwa -s web -d 2>&1 >/dev/null)
is "usage: no --namespace exits 64" "$?" 64
like "usage: says why" "$err" "^cwa: --namespace is required"
err=$(cwa -n App -p 0 -d 2>&1 >/dev/null)
is "usage: --period 0 exits 64" "$?" 64
err=$(cwa -n App -i 0.1 -D bad -d 2>&1 >/dev/null)
is "a stage's usage error is the pipeline's status" "$?" 64
like "and its message shows" "$err" '^cwa-publish: --dimension: "bad"'

# SIGTERM to cwa alone, as an entrypoint script sends it.
cwa "${opts[@]}" >"$tmp/term" 2>"$tmp/term.err" &
pid=$!
sleep 1
kt=$(mid_period)
kill -TERM "$pid"
wait "$pid"
is "SIGTERM to cwa: exit 0" "$?" 0
check_flush "SIGTERM to cwa" "$tmp/term" "$kt"
is "SIGTERM to cwa: nothing on stderr" "$(cat "$tmp/term.err")" ""

# SIGTERM to the whole process group at once (tini -g, dumb-init, ^C).
python3 -c 'import os, sys; os.setpgid(0, 0); os.execvp(sys.argv[1], sys.argv[1:])' \
    cwa "${opts[@]}" >"$tmp/pg" &
pid=$!
sleep 1
kt=$(mid_period)
kill -TERM -- "-$pid"
wait "$pid"
is "SIGTERM to the group: exit 0" "$?" 0
check_flush "SIGTERM to the group" "$tmp/pg" "$kt"

# SIGKILL to cwa: its collector still gets SIGTERM and the rest flushes.
python3 -c 'import os, sys; os.setpgid(0, 0); os.execvp(sys.argv[1], sys.argv[1:])' \
    cwa "${opts[@]}" >"$tmp/kill" &
pid=$!
sleep 1
kt=$(mid_period)
kill -KILL "$pid"
ok "SIGKILL to cwa: the stages end by themselves" \
    wait_for 5 sh -c "! pgrep -g $pid >/dev/null"
check_flush "SIGKILL to cwa" "$tmp/kill" "$kt"

# cwa-entrypoint: the command exits by itself, its status is kept.
entry=$top/scripts/cwa-entrypoint
for init in tini dumb-init; do
	if ! command -v "$init" >/dev/null; then
		tap 0 "# SKIP $init is not installed (make deps installs it)"
		continue
	fi
	case $init in
	tini) run=(tini -s -g --) ;;
	dumb-init) run=(dumb-init) ;;
	esac
	# Started mid-period, the command exits before the period ends.
	mid_period >/dev/null
	"${run[@]}" "$entry" "${opts[@]}" -- sh -c 'sleep 1; exit 3' >"$tmp/e1" &
	pid=$!
	wait "$pid"
	is "$init, command exits 3: exit status 3" "$?" 3
	check_flush "$init, command exits" "$tmp/e1" "$(date +%s.%N)"

	# The container is stopped: SIGTERM to init, which signals the group.
	"${run[@]}" "$entry" "${opts[@]}" -- sleep 60 >"$tmp/e2" &
	pid=$!
	sleep 1
	kt=$(mid_period)
	kill -TERM "$pid"
	wait "$pid"
	is "$init, SIGTERM: the command's status (143)" "$?" 143
	check_flush "$init, SIGTERM" "$tmp/e2" "$kt"
done

# cwa-entrypoint without init: the script forwards SIGTERM to the command.
sh "$entry" "${opts[@]}" -- sleep 60 >"$tmp/e3" &
pid=$!
sleep 1
kt=$(mid_period)
kill -TERM "$pid"
wait "$pid"
is "entrypoint alone, SIGTERM: the command's status (143)" "$?" 143
check_flush "entrypoint alone, SIGTERM" "$tmp/e3" "$kt"
err=$(sh "$entry" -n App -d 2>&1)
is "entrypoint without -- command: exit 64" "$?" 64
like "entrypoint without -- command: usage" "$err" "usage: cwa-entrypoint"

done_testing
