#!/usr/bin/env bash
# cwa-publish --dry-run end to end: request bodies, batching, errors.
. "$(dirname "$0")/lib.sh"

# Dry-run cases: the exact request bodies and diagnostics.
for dir in "$top"/tests/publish/*/; do
	case=$(basename "$dir")
	cwa-publish $(cat "$dir/args") --dry-run <"$dir/input" >"$tmp/out" 2>"$tmp/err"
	is "$case: exit 0" "$?" 0
	ok "$case: request bodies as expected" diff -u "$dir/expected" "$tmp/out"
	expect_stderr "$case" "$dir" "$tmp/err"
done

# The README's example: a datum without Timestamp gets its arrival time.
now=$(date +%s)
out=$(echo '{"MetricName":"QueueDepth","Value":42,"Unit":"Count"}' |
    cwa-publish --namespace App --dry-run)
is "own metric: the request" \
    "$(printf '%s\n' "$out" | jq -c 'del(.MetricData[].Timestamp)')" \
    '{"Namespace":"App","MetricData":[{"MetricName":"QueueDepth","Value":42,"Unit":"Count"}]}'
near "own metric: Timestamp is the arrival time" \
    "$(printf '%s\n' "$out" | jq '.MetricData[0].Timestamp')" "$now" 3

# 2500 datums at once: requests of 1000, 1000 and 500, none lost, in order.
seq 1 2500 | awk '{ printf "{\"MetricName\":\"N\",\"Value\":%d,\"Timestamp\":1800000000}\n", $1 }' |
    cwa-publish -n Big -d >"$tmp/big"
is "batching: 1000 datums a request" "$(jq '.MetricData | length' "$tmp/big" | xargs)" \
    "1000 1000 500"
is "batching: every datum once, in order" \
    "$(jq '.MetricData[].Value' "$tmp/big" | awk '$1 != NR { bad++ } END { print NR, bad + 0 }')" \
    "2500 0"

# Large datums: requests stay within 1,000,000 bytes.
vals=$(seq 1 4000 | paste -sd, -)
for i in $(seq 1 100); do
	printf '{"MetricName":"V%d","Values":[%s],"Timestamp":1800000000}\n' "$i" "$vals"
done | cwa-publish -n Big -d >"$tmp/large"
ok "size: several requests" test "$(wc -l <"$tmp/large")" -gt 1
is "size: every body within 1,000,000 bytes" \
    "$(awk 'length($0) > 1000000' "$tmp/large" | wc -l)" 0
is "size: all 100 datums sent" "$(jq '.MetricData | length' "$tmp/large" | awk "{ s += \$1 } END { print s }")" 100

# Datums that arrive apart go in separate requests.
{ echo '{"MetricName":"A","Value":1}'; sleep 0.5; echo '{"MetricName":"B","Value":2}'; } |
    cwa-publish -n App -d >"$tmp/apart"
is "arrival: two bursts, two requests" "$(jq -c '[.MetricData[].MetricName]' "$tmp/apart" | xargs)" "[A] [B]"

# Pending datums go out on SIGTERM, after upstream's last lines.
mkfifo "$tmp/fifo"
cwa-publish -n App -d <"$tmp/fifo" >"$tmp/term" &
pid=$!
exec 3>"$tmp/fifo"
echo '{"MetricName":"A","Value":1}' >&3
sleep 0.3
kill -TERM "$pid"
echo '{"MetricName":"B","Value":2}' >&3
exec 3>&-
wait "$pid"
is "SIGTERM: exit 0" "$?" 0
is "SIGTERM: everything written" "$(jq -r '.MetricData[].MetricName' "$tmp/term" | xargs)" "A B"

# Bad usage: a message and 64.
while IFS='|' read -r args re; do
	err=$(cwa-publish $args </dev/null 2>&1 >/dev/null)
	is "usage: cwa-publish $args exits 64" "$?" 64
	like "usage: cwa-publish $args says why" "$err" "$re"
done <<'CASES'
--dry-run|--namespace is required
-n AWS/EC2 -d|may not start with AWS/
-n App -d -D Env|"Env" is not name=value
-n App -d -D =x|the name needs 1 to 255
-n App -d -D A=1 -D A=2|dimension A given twice
-n App -d -s web -D ServiceName=x|dimension ServiceName given twice
-n App|not built yet: use --dry-run
-n App -d extra|usage: cwa-publish
CASES

done_testing
