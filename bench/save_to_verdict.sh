#!/usr/bin/env bash
# Save-to-verdict, warm: touch an exercise file (a save), then `workbook run NAME`; the median
# of several runs per case, passing and failing, one case per check mode, each also as a
# ratio to the floor (threads1 failing: one std target built and run); then the total of
# `verify --solutions`. Works on a temporary copy of the workbook; builds are shared with
# this checkout's target/workbook/target, so run `cargo workbook verify --solutions` once first.
# Each case also shows the CPU seconds of a save (user + system, of the grader and everything
# it ran: cargo, rustc, the checks, also a cargo left to finish its bookkeeping after the
# verdict: `bench/save_cost.py`), the median too: on a loaded machine wall time mostly
# measures the other processes, CPU time what the save itself costs. Wall time is measured
# from the grader's start to its exit, without the start of a timing process.
#   usage: bash bench/save_to_verdict.sh [runs]
#   BENCH_CASES="threads1 bank_transfer"  only these cases (the first is the floor)
#   BENCH_VERIFY=0                         skip the `verify --solutions` total
#   BENCH_SWITCH=0                         skip the loom / compile-fail switch (bank_transfer
#                                          and not_send saved in turn)
#   BENCH_BIN=/path/to/workbook            another grader build (before/after comparisons,
#                                          run alternately in the same period: load changes)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}
if [ -n "${BENCH_BIN:-}" ]; then
  bin=$BENCH_BIN
else
  cargo build -q -p workbook
  bin=$PWD/target/debug/workbook
fi
cases=${BENCH_CASES:-threads1 bank_transfer not_send publish condvar_queue typed_oneshot}
export WORKBOOK_TARGET_DIR=$PWD/target/workbook/target NO_COLOR=1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r info.toml exercises solutions tests "$tmp/"

path_of() { "$bin" -C "$tmp" list --format json | python3 -c "import json,sys; print(next(e['path'] for e in json.load(sys.stdin) if e['name']=='$1'))"; }
mode_of() { "$bin" -C "$tmp" list --format json | python3 -c "import json,sys; print(','.join(next(e['checks'] for e in json.load(sys.stdin) if e['name']=='$1')))"; }

median() { sort -n | awk '{a[NR]=$1} END {printf "%.3f", a[int((NR+1)/2)]}'; }

# "WALL CPU": median seconds of `touch FILE; workbook run NAME [--solution]`, wall and CPU
measure() {
  local name=$1 file=$2; shift 2
  "$bin" -C "$tmp" run "$name" "$@" >/dev/null 2>&1 || true   # warm this exact build
  local walls=() cpus=()
  for _ in $(seq "$runs"); do
    touch "$file"; sync
    local w c
    read -r w c <<<"$(python3 bench/save_cost.py "$bin" -C "$tmp" run "$name" "$@")"
    walls+=("$w")
    cpus+=("$c")
  done
  local wall c
  wall=$(printf '%s\n' "${walls[@]}" | median)
  c=$(printf '%s\n' "${cpus[@]}" | median)
  awk -v w="$wall" -v c="$c" 'BEGIN { printf "%.3f %.3f", w / 1000, c / 1000 }'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2fx", a / b; else print "-" }'; }
printf 'load average at start: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-24s %-18s %9s %9s %7s %7s %8s %8s %7s %7s\n' case mode "fail (s)" "pass (s)" fail/fl pass/fl \
  "fail cpu" "pass cpu" cpu/fl cpu/fl
floor=
cfloor=
for name in $cases; do
  path=$(path_of "$name" 2>/dev/null) || continue
  [ -n "$path" ] || continue
  sol=${path/exercises\//solutions/}
  read -r fail cfail <<<"$(measure "$name" "$tmp/$path")"
  read -r pass cpass <<<"$(measure "$name" "$tmp/$sol" --solution)"
  [ -n "$floor" ] || { floor=$fail; cfloor=$cfail; }
  [ "$name" != not_send ] || compile_fail_save="$fail $pass"
  printf '%-24s %-18s %9s %9s %7s %7s %8s %8s %7s %7s\n' "$name" "$(mode_of "$name")" "$fail" "$pass" \
    "$(ratio "$fail" "$floor")" "$(ratio "$pass" "$floor")" "$cfail" "$cpass" \
    "$(ratio "$cfail" "$cfloor")" "$(ratio "$cpass" "$cfloor")"
done

# A compile error: the first exercise with a line that cannot compile.
first=$(path_of threads1)
printf '\nfn broken() -> u32 { "not a number" }\n' >> "$tmp/$first"
read -r broken cbroken <<<"$(measure threads1 "$tmp/$first")"
printf '%-24s %-18s %9s %9s %7s %7s %8s %8s %7s %7s\n' "threads1 + a type error" compile-error "$broken" "-" \
  "$(ratio "$broken" "$floor")" "-" "$cbroken" "-" "$(ratio "$cbroken" "$cfloor")" "-"
printf '(floor: threads1 failing, %s s, %s s CPU; goals: loom within 1.30x, not_send <= 0.6 s)\n' "$floor" "$cfloor"
printf 'load average at end: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
# The compile-fail save (trybuild): not_send, failing (its cases compile) and solved.
if [ -n "${compile_fail_save:-}" ]; then
  read -r cf_fail cf_pass <<<"$compile_fail_save"
  printf 'compile-fail save (not_send, trybuild): %s s failing, %s s solved; %s and %s the floor (goal <= 0.6 s)\n' \
    "$cf_fail" "$cf_pass" "$(ratio "$cf_fail" "$floor")" "$(ratio "$cf_pass" "$floor")"
fi

# A switch between a loom save and a compile-fail save (the learner moves on, then back):
# bank_transfer and not_send saved in turn, each save timed (medians of each kind).
if [ "${BENCH_SWITCH:-1}" != 0 ] && [ -n "$(path_of bank_transfer 2>/dev/null)" ] && [ -n "$(path_of not_send 2>/dev/null)" ]; then
  lw=() lc=() cw=() cc=()
  for _ in $(seq "$runs"); do
    for name in bank_transfer not_send; do
      file=$tmp/$(path_of "$name"); touch "$file"; sync
      read -r w c <<<"$(python3 bench/save_cost.py "$bin" -C "$tmp" run "$name")"
      if [ "$name" = bank_transfer ]; then lw+=("$w"); lc+=("$c"); else cw+=("$w"); cc+=("$c"); fi
    done
  done
  printf 'switching saves (bank_transfer, not_send in turn): loom %s s (%s s CPU), compile-fail %s s (%s s CPU)\n' \
    "$(printf '%s\n' "${lw[@]}" | median | awk '{printf "%.3f", $1 / 1000}')" "$(printf '%s\n' "${lc[@]}" | median | awk '{printf "%.3f", $1 / 1000}')" \
    "$(printf '%s\n' "${cw[@]}" | median | awk '{printf "%.3f", $1 / 1000}')" "$(printf '%s\n' "${cc[@]}" | median | awk '{printf "%.3f", $1 / 1000}')"
fi

[ "${BENCH_VERIFY:-1}" = 0 ] && exit 0
t0=$(date +%s%N)
"$bin" -C "$tmp" verify --solutions >/dev/null
t1=$(date +%s%N)
printf '\nverify --solutions (%s exercises): %.1f s\n' "$("$bin" -C "$tmp" list --format json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" "$(echo "($t1 - $t0) / 1000000000" | bc -l)"
