# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# The running totals of scripts/check.sh and scripts/check-debug.sh, which
# source this file: each part's TAP is added up into one closing line
# "N passed, M failed[, K skipped]".

passed=0
failed=0
skipped=0

# Adds the "# N passed, M failed[, K skipped]" line of a part's output.
tally() {
	local line p f s
	line=$(grep -E '^# [0-9]+ passed, [0-9]+ failed' "$1" | tail -n 1)
	if [[ -z $line ]]; then
		echo "not ok - $2 printed no result line"
		failed=$((failed + 1))
		return
	fi
	p=$(sed -E 's/^# ([0-9]+) passed.*/\1/' <<<"$line")
	f=$(sed -E 's/^# [0-9]+ passed, ([0-9]+) failed.*/\1/' <<<"$line")
	s=$(sed -nE 's/.*, ([0-9]+) skipped.*/\1/p' <<<"$line")
	passed=$((passed + p))
	failed=$((failed + f))
	skipped=$((skipped + ${s:-0}))
}

# A whole step as one test point (set-up, build, a VM run's kernel log).
point() {
	if [[ $1 -eq 0 ]]; then
		echo "ok - $2"
		passed=$((passed + 1))
	else
		echo "not ok - $2 (exit $1)"
		failed=$((failed + 1))
	fi
}
