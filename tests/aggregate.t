#!/usr/bin/env bash
# cwa-aggregate end to end: replay cases, an oracle, signals, stalls.
. "$(dirname "$0")/lib.sh"

# Replay cases: exact output, twice the same, expected diagnostics.
for dir in "$top"/tests/aggregate/*/; do
	case=$(basename "$dir")
	args=$(cat "$dir/args" 2>/dev/null)
	CWA_LOG=warn cwa-aggregate $args <"$dir/input" >"$tmp/out1" 2>"$tmp/err"
	is "$case: exit 0" "$?" 0
	ok "$case: output as expected" diff -u "$dir/expected" "$tmp/out1"
	CWA_LOG=warn cwa-aggregate $args <"$dir/input" >"$tmp/out2" 2>/dev/null
	ok "$case: a replay gives the same output" cmp -s "$tmp/out1" "$tmp/out2"
	expect_stderr "$case" "$dir" "$tmp/err"
done

# A recorded collector stream against an independent oracle (Python).
cwa-collect -i 0.05 -c 50 >"$tmp/rec"
cwa-aggregate --period 1 <"$tmp/rec" >"$tmp/agg"
oracle=$(python3 - "$tmp/rec" "$tmp/agg" 2>&1 <<'PY'
import json, math, statistics, sys
windows = {}
for line in open(sys.argv[1]):
    d = json.loads(line)
    windows.setdefault((math.floor(d["Timestamp"]), d["MetricName"]), []).append(d["Value"])
want = {}
for (start, name), v in windows.items():
    want[(start, name)] = statistics.median(v)
    want[(start, "Max" + name)] = max(v)
got = {}
for line in open(sys.argv[2]):
    d = json.loads(line)
    got[(d["Timestamp"], d["MetricName"])] = d["Value"]
bad = [k for k in want if k not in got or abs(got[k] - want[k]) > 1e-9]
print("match" if want and not bad and len(got) == len(want) else "differ %s" % bad[:3])
PY
)
is "collector replay: medians and maxima match the oracle" "$oracle" match

# Bad usage.
for args in "--period 0" "--period 1.5" "--period x" "--grace -1" "--nope" "x"; do
	err=$(cwa-aggregate $args </dev/null 2>&1 >/dev/null)
	is "usage: cwa-aggregate $args exits 64" "$?" 64
	like "usage: cwa-aggregate $args prints usage" "$err" "usage: cwa-aggregate"
done

# An overlong line is reported and skipped, its neighbours kept.
{
	echo '{"MetricName":"A","Value":1,"Timestamp":1800000000}'
	printf '{"MetricName":"A","Value":2,"Pad":"%*s"}\n' 1100000 ""
	echo '{"MetricName":"A","Value":3,"Timestamp":1800000001}'
} | cwa-aggregate >"$tmp/long" 2>"$tmp/long.err"
is "overlong: neighbours kept" "$(jq -c '[.MetricName, .Value]' "$tmp/long" | xargs)" \
    '[A,2] [MaxA,3]'
like "overlong: reported with its line number" "$(cat "$tmp/long.err")" \
    '^cwa-aggregate: line 2: longer than 1048576 bytes'

# SIGTERM: what upstream still sends is read, open windows are emitted.
mkfifo "$tmp/fifo"
cwa-aggregate --period 3600 <"$tmp/fifo" >"$tmp/term.out" 2>&1 &
pid=$!
exec 3>"$tmp/fifo"
echo '{"MetricName":"A","Value":4,"Timestamp":1800000000}' >&3
echo '{"MetricName":"A","Value":6,"Timestamp":1800000001}' >&3
sleep 0.2
kill -TERM "$pid"
sleep 0.2
echo '{"MetricName":"A","Value":8,"Timestamp":1800000002}' >&3
exec 3>&-
wait "$pid"
is "SIGTERM: exit 0" "$?" 0
is "SIGTERM: the partial window, with the line sent after the signal" \
    "$(jq -c '[.MetricName, .Value]' "$tmp/term.out" | xargs)" '[A,6] [MaxA,8]'

# SIGTERM with an upstream that keeps the pipe open: out within the drain.
( echo '{"MetricName":"B","Value":1}'; sleep 30 ) | cwa-aggregate >"$tmp/hold.out" &
sleep 0.3
pkill -TERM -f '^cwa-aggregate$'
ok "SIGTERM, silent upstream: emitted within 2 s" \
    wait_for 2 test -s "$tmp/hold.out"
is "SIGTERM, silent upstream: B" "$(jq -r .MetricName "$tmp/hold.out" | xargs)" "B MaxB"

# A stalled upstream: the window closes by the clock after its grace.
now=$(date +%s)
( printf '{"MetricName":"C","Value":1,"Timestamp":%s}\n' "$now"; sleep 30 ) |
    cwa-aggregate --period 1 --grace 0.5 >"$tmp/stall.out" &
ok "stall: window emitted before EOF, after end + grace" \
    wait_for 4 test -s "$tmp/stall.out"
is "stall: C for its own second" "$(jq -r '.Timestamp' "$tmp/stall.out" | sort -u)" "$now"
pkill -f '^sleep 30$'

# Downstream gone: quiet exit.
yes '{"MetricName":"D","Value":1}' | head -n 100000 |
    cwa-aggregate --period 1 2>"$tmp/pipe.err" | head -n 1 >/dev/null
is "EPIPE: quiet" "$(cat "$tmp/pipe.err")" ""

done_testing
