#!/usr/bin/env bash
# What the sandbox costs: save-to-verdict (`workbook run NAME --solution` after a touch, warm)
# on threads1, bank_transfer and not_send, and grading one solved submission, each with the
# sandbox on (auto) and `--sandbox off`, alternating in the same run; prints the medians of N
# runs and the ratio on/off. Goals: save-to-verdict <= 1.05, grading <= 1.2.
# Works on a temporary copy of the workbook; builds are shared with this checkout's
# target/workbook/target, so run `cargo workbook verify --solutions` once first.
#   usage: bash bench/sandbox.sh [runs]   (default 7)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}
cargo build -q -p workbook
bin=$PWD/target/debug/workbook
export WORKBOOK_TARGET_DIR=$PWD/target/workbook/target NO_COLOR=1
unset WORKBOOK_SANDBOX_SIMULATE
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r info.toml exercises solutions tests "$tmp/"
mkdir -p "$tmp/student"
cp -r solutions "$tmp/student/exercises"

path_of() { "$bin" -C "$tmp" list --format json | python3 -c "import json,sys; print(next(e['path'] for e in json.load(sys.stdin) if e['name']=='$1'))"; }
ms() { date +%s%N; }
median() { sort -n | awk '{a[NR]=$1} END {printf "%.3f", a[int((NR+1)/2)]/1000}'; }

# Alternates on/off runs of "$@" (after touching $file, if any); prints "median_on median_off".
pair() {
  local file=$1; shift
  "$@" >/dev/null 2>&1 || true; "$@" --sandbox off >/dev/null 2>&1 || true   # warm
  local on=() off=() t0 t1
  for _ in $(seq "$runs"); do
    for mode in auto off; do
      [ -n "$file" ] && touch "$file"
      t0=$(ms); "$@" --sandbox "$mode" >/dev/null 2>&1 || true; t1=$(ms)
      if [ "$mode" = auto ]; then on+=("$(( (t1 - t0) / 1000000 ))"); else off+=("$(( (t1 - t0) / 1000000 ))"); fi
    done
  done
  echo "$(printf '%s\n' "${on[@]}" | median) $(printf '%s\n' "${off[@]}" | median)"
}

mode=$("$bin" -C "$tmp" grade --only threads1 --format json "$tmp/student" 2>/dev/null |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["sandbox"])')
echo "sandbox mode on this machine: $mode; $runs runs each, medians"
printf '%-40s %9s %9s %7s\n' case "on (s)" "off (s)" ratio
row() { awk -v n="$1" -v a="$2" -v b="$3" -v goal="$4" 'BEGIN {r = a / b; printf "%-40s %9.3f %9.3f %7.3f%s\n", n, a, b, r, (r <= goal ? "" : "  (over " goal ")")}'; }
for name in threads1 bank_transfer not_send; do
  path=$(path_of "$name")
  sol=${path/exercises\//solutions/}
  read -r on off < <(pair "$tmp/$sol" "$bin" -C "$tmp" run "$name" --solution)
  row "save-to-verdict $name" "$on" "$off" 1.05
done
read -r on off < <(pair "" "$bin" -C "$tmp" grade --no-cache --jobs 1 --format json -o /dev/null "$tmp/student")
row "grade one solved submission" "$on" "$off" 1.2
