#!/usr/bin/env bash
# Grading throughput, warm: N synthetic submissions of each kind (all solved, as shipped,
# mixed: every other exercise solved), graded with the whole curriculum. Prints seconds per
# submission, one at a time (--jobs 1) and at the default parallelism (one job per core).
# Each run grades fresh copies (new contents in every file, as real students' would be).
#   usage: bash bench/grade.sh [N]        (default N = 4)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-4}
cargo build -q -p workbook
bin=$PWD/target/debug/workbook
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# kind index -> a submission directory whose files differ from every other submission's
# (a trailing comment), so no build is reused between submissions.
make() {
  local kind=$1 i=$2 dir="$tmp/$1-$2-$RANDOM"
  mkdir -p "$dir"
  local k=0
  while IFS= read -r rel; do
    local src=exercises
    case $kind in
      solved) src=solutions ;;
      mixed) (( k % 2 == 0 )) && src=solutions ;;
    esac
    mkdir -p "$dir/exercises/$(dirname "$rel")"
    { cat "$src/$rel"; echo "// submission $kind $i $RANDOM"; } >"$dir/exercises/$rel"
    k=$((k + 1))
  done < <(cd exercises && find . -name '*.rs' | sed 's|^\./||' | sort)
  echo "$dir"
}

run() { # kind jobs
  local subs=()
  for i in $(seq "$n"); do subs+=("$(make "$1" "$i")"); done
  local t0 t1
  t0=$(date +%s%N)
  "$bin" grade --no-cache "${subs[@]}" --jobs "$2" --format csv --output "$tmp/out.csv" 2>/dev/null
  t1=$(date +%s%N)
  local total=$(( (t1 - t0) / 1000000 ))
  local scores
  scores=$(tail -n +2 "$tmp/out.csv" | awk -F, '{print $(NF-1)}' | sort -u | tr '\n' ' ')
  printf '%-7s jobs=%s  %2d submissions  %6.1f s total  %5.1f s per submission  (scores: %s)\n' \
    "$1" "$2" "$n" "$(bc -l <<<"$total/1000")" "$(bc -l <<<"$total/1000/$n")" "$scores"
}

echo "warming up (dependencies, and one submission of each kind)"
n_saved=$n; n=1
for kind in solved shipped mixed; do run "$kind" 2 >/dev/null; done
n=$n_saved
for kind in solved shipped mixed; do
  run "$kind" 1
  run "$kind" "$(nproc)"
done
