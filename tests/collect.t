#!/usr/bin/env bash
# cwa-collect end to end: fixtures, real /proc, signals, pipes, options.
. "$(dirname "$0")/lib.sh"

# A fixed /proc: memory from the fixture, no CPU datum (no jiffy elapses).
fx=$top/tests/proc/memory-held/after
out=$(cwa-collect --proc "$fx" --interval 0.05 --count 2)
is "fixture: two samples, memory only" \
    "$(printf '%s\n' "$out" | jq -r .MetricName | sort | uniq -c | xargs)" \
    "2 MemoryUtilization"
want=$(awk '$1 == "mem" { printf "%.3f", $2 }' "$top/tests/proc/memory-held/expect")
is "fixture: MemoryUtilization is the formula's, to 3 decimals" \
    "$(printf '%s\n' "$out" | head -1 | jq -r '.Value * 1000 | round / 1000')" \
    "$(echo "$want" | jq '. * 1000 | round / 1000')"
is "fixture: Unit Percent" "$(printf '%s\n' "$out" | jq -r .Unit | sort -u)" \
    Percent
now=$(date +%s)
near "fixture: Timestamp is the wall clock" \
    "$(printf '%s\n' "$out" | tail -1 | jq .Timestamp)" "$now" 5

# Real /proc: both metrics, in range, the first one interval after start.
start=$(date +%s.%N)
out=$(cwa-collect --interval 0.3 --count 3)
rc=$?
is "real: exit 0 after --count" "$rc" 0
is "real: three samples of each" \
    "$(printf '%s\n' "$out" | jq -r .MetricName | sort | uniq -c | xargs)" \
    "3 CPUUtilization 3 MemoryUtilization"
ok "real: every value within 0..100" \
    test "$(printf '%s\n' "$out" | jq 'select(.Value < 0 or .Value > 100)' | wc -l)" -eq 0
first=$(printf '%s\n' "$out" | head -1 | jq .Timestamp)
near "real: first sample one interval after start" \
    "$(awk -v a="$first" -v b="$start" 'BEGIN { print a - b }')" 0.3 0.25

# Absolute deadlines: 40 samples at 0.05 s span 39 intervals, no drift.
ts=$(cwa-collect -i 0.05 -c 40 | jq -r 'select(.MetricName == "MemoryUtilization") | .Timestamp')
span=$(printf '%s\n' "$ts" | awk 'NR == 1 { a = $1 } END { print $1 - a }')
near "deadlines: 40 samples at 0.05 s span 1.95 s" "$span" 1.95 0.06

# SIGTERM: the current line is finished, exit 0, every line whole.
cwa-collect -i 0.1 >"$tmp/term.out" 2>"$tmp/term.err" &
pid=$!
sleep 0.75
kill -TERM "$pid"
wait "$pid"
is "SIGTERM: exit 0" "$?" 0
jq -e . "$tmp/term.out" >/dev/null
tap $? "SIGTERM: every line is whole JSON"
ok "SIGTERM: samples came out" test "$(wc -l <"$tmp/term.out")" -ge 6
is "SIGTERM: nothing on stderr" "$(cat "$tmp/term.err")" ""

# SIGINT behaves the same (a background job of a script ignores SIGINT,
# and cwa-collect keeps it so, as shells expect: undo that first).
env --default-signal=INT cwa-collect -i 0.1 >"$tmp/int.out" &
pid=$!
sleep 0.35
kill -INT "$pid"
wait "$pid"
is "SIGINT: exit 0" "$?" 0

# A closed pipe ends it quietly.
cwa-collect -i 0.01 2>"$tmp/pipe.err" | head -n 1 >/dev/null
is "EPIPE: exit 0" "${PIPESTATUS[0]}" 0
is "EPIPE: quiet" "$(cat "$tmp/pipe.err")" ""

# Bad options: usage and 64.
for args in "--interval 0" "--interval abc" "--count 0" "--count -1" \
    "--bogus" "extra"; do
	err=$(cwa-collect $args 2>&1 >/dev/null)
	is "usage: cwa-collect $args exits 64" "$?" 64
	like "usage: cwa-collect $args prints usage" "$err" "usage: cwa-collect"
done
err=$(cwa-collect --interval abc 2>&1 >/dev/null)
like "usage: the bad option is named" "$err" '^cwa-collect: --interval: "abc"'

# A missing /proc: exit 1 and the path.
err=$(cwa-collect --proc "$tmp/nowhere" --count 1 2>&1 >/dev/null)
is "missing --proc: exit 1" "$?" 1
like "missing --proc: the file is named" "$err" "$tmp/nowhere/stat"

# CWA_LOG=info shows each record on stderr, stdout unchanged.
err=$(CWA_LOG=info cwa-collect -i 0.05 -c 1 2>&1 >/dev/null)
like "CWA_LOG=info: records logged" "$err" '^cwa-collect: MemoryUtilization [0-9.]+% at'
err=$(CWA_LOG=loud cwa-collect -i 0.05 -c 1 2>&1 >/dev/null)
like "CWA_LOG: an unknown level is reported" "$err" 'CWA_LOG: unknown level "loud"'

# CPU against an independent reading: one of the cores kept busy, the
# busy share from two reads of /proc/stat around the same interval.
cpu_busy() {
	awk -v a="$1" -v b="$2" 'BEGIN {
		split(a, x); split(b, y)
		for (i = 2; i <= 9; i++) { d = y[i] - x[i]; if (d < 0) d = 0; t += d }
		idle = y[5] - x[5] + y[6] - x[6]
		printf "%.3f", 100 * (t - idle) / t }'
}
( while :; do :; done ) &
busy=$!
sleep 0.3
before=$(head -1 /proc/stat)
got=$(cwa-collect --interval 2 --count 1 | jq 'select(.MetricName == "CPUUtilization") | .Value')
after=$(head -1 /proc/stat)
kill "$busy"
want=$(cpu_busy "$before" "$after")
near "CPU: busy share matches /proc/stat read around it ($want%)" "$got" "$want" 5
ok "CPU: one busy core of $(nproc) shows" \
    awk -v g="$got" -v n="$(nproc)" 'BEGIN { exit !(g >= 100 / n * 0.8) }'

# Memory against free(1): total - free - buff/cache, not "used".
got=$(cwa-collect -i 0.05 -c 1 | jq 'select(.MetricName == "MemoryUtilization") | .Value')
want=$(free -k | awk '$1 == "Mem:" { printf "%.3f", 100 * ($2 - $4 - $6) / $2 }')
near "memory: free(1) total - free - buff/cache ($want%)" "$got" "$want" 0.5

done_testing
