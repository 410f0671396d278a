#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Runs each fuzz target (make fuzz) for RUNS inputs from seed 1, starting
# from its seeds, and prints one TAP line per target ("ok - ..." or
# "not ok - ..." with the end of its log). Deterministic for a given
# build: the same inputs every run.
#
#   fuzz/run.sh RUNS [LIBFUZZER OPTIONS...]
set -u
cd "$(dirname "$0")" || exit 1
runs=${1:?usage: fuzz/run.sh RUNS [options]}
shift
tmp=$(mktemp -d /tmp/flowstat-fuzz.XXXXXX) || exit 1
# A failing input is kept there, out of the tree.
artifacts=$(cd ../.. && pwd)/build/fuzz
mkdir -p "$artifacts" || exit 1
trap 'rm -rf "$tmp"' EXIT
rc=0

# target NAME DESCRIPTION [SEED_FILE...]: libFuzzer grows the corpus in a
# scratch copy of the seeds, never in the tree.
target() {
	local name=$1 desc=$2 start
	shift 2
	mkdir -p "$tmp/$name"
	[ $# -gt 0 ] && cp "$@" "$tmp/$name/"
	start=$SECONDS
	if ./"$name" -seed=1 -runs="$runs" -artifact_prefix="$artifacts/$name-" \
		"${opts[@]}" "$tmp/$name" \
		>"$tmp/$name.log" 2>&1 </dev/null; then
		echo "ok - fuzz/$name: $runs inputs in $((SECONDS - start)) s, $desc"
	else
		echo "not ok - fuzz/$name: $desc"
		grep -E 'ERROR|SUMMARY|fuzz_|^#[0-9]+ ' "$tmp/$name.log" |
			tail -n 40 | sed 's/^/# /'
		echo "# failing input in $artifacts (replay: userspace/fuzz/$name FILE)"
		rc=1
	fi
}

opts=("$@")
target config "no crash, every rejection as FILE:LINE:COLUMN, round trips hold" \
	seeds/rich.conf seeds/nat.conf ../../examples/demo.conf
target replies "no sanitizer report from any command's decoding"
exit $rc
