# TAP helpers for the end-to-end tests; sourced by tests/*.t (bash).
# Each check prints "ok N - what" or "not ok N - what"; done_testing
# prints the plan and sets the exit status.

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PATH="$top:$PATH"
export PATH
unset CWA_LOG
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cwa-test.XXXXXX")
trap 'jobs -p | xargs -r kill 2>/dev/null; rm -rf "$tmp"' EXIT
tap_n=0
tap_failed=0

# pass/fail one check: result (0 = pass), description
tap() {
	tap_n=$((tap_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $tap_n - $2"
	else
		echo "not ok $tap_n - $2"
		tap_failed=$((tap_failed + 1))
	fi
}

# ok "what" command...: passes when the command succeeds
ok() {
	local what=$1
	shift
	"$@"
	tap $? "$what"
}

# is "what" got want
is() {
	[ "$2" = "$3" ]
	tap $? "$1"
	[ "$2" = "$3" ] || printf '#   got:  %s\n#   want: %s\n' "$2" "$3"
}

# like "what" got extended-regex
like() {
	printf '%s\n' "$2" | grep -Eq -- "$3"
	tap $? "$1"
	printf '%s\n' "$2" | grep -Eq -- "$3" ||
	    printf '#   got:  %s\n#   want: /%s/\n' "$2" "$3"
}

# near "what" got want tolerance: |got - want| <= tolerance
near() {
	awk -v g="$2" -v w="$3" -v t="$4" \
	    'BEGIN { d = g - w; if (d < 0) d = -d; exit !(g != "" && d <= t) }'
	tap $? "$1"
	awk -v g="$2" -v w="$3" -v t="$4" \
	    'BEGIN { d = g - w; if (d < 0) d = -d; exit !(g != "" && d <= t) }' ||
	    printf '#   got:  %s\n#   want: %s (within %s)\n' "$2" "$3" "$4"
}

# wait_for seconds command...: poll until the command succeeds; 1 on timeout
wait_for() {
	local end=$(($(date +%s%N) + ${1%.*} * 1000000000))
	shift
	until "$@"; do
		[ "$(date +%s%N)" -lt "$end" ] || return 1
		sleep 0.05
	done
}

# expect_stderr "case" dir file: each extended regex of dir/stderr matches
# a line of the file; without dir/stderr, the file must be empty
expect_stderr() {
	if [ -f "$2/stderr" ]; then
		while IFS= read -r re; do
			ok "$1: stderr has /$re/" grep -Eq -- "$re" "$3"
		done <"$2/stderr"
	else
		is "$1: stderr empty" "$(cat "$3")" ""
	fi
}

done_testing() {
	echo "1..$tap_n"
	[ "$tap_failed" -eq 0 ]
	exit
}
