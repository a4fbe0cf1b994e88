#!/usr/bin/env bash
# A synthetic class graded twice, as a teacher would around a deadline: S submissions (200 by
# default) whose every exercise file is drawn (deterministically) from a few variants: as
# shipped, the solution, or one of the first two wrong recorded answers
# (tests/answers/<name>/wrong_*.toml, edits applied to the shipped file). Prints the time of
# a cold run (empty verdict cache), the time of a second run after 10 submissions changed
# (each gets one other variant of one file), and how many distinct files each run built and
# checked.
#   usage: bash bench/class.sh [S] [JOBS]      (default S = 200, JOBS = the number of cores)
set -euo pipefail
cd "$(dirname "$0")/.."
students=${1:-200}
jobs=${2:-$(nproc)}
cargo build -q -p workbook
bin=$PWD/target/debug/workbook
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

python3 - "$tmp" "$students" <<'PY'
import os, pathlib, random, re, sys, tomllib
tmp, students = pathlib.Path(sys.argv[1]), int(sys.argv[2])
info = tomllib.loads(pathlib.Path("info.toml").read_text())
rng = random.Random(2026)
variants = {}  # path -> [code, ...]: shipped, solved, wrong answers
for e in info["exercises"]:
    rel = e["path"]
    shipped = pathlib.Path(rel).read_text()
    solved = pathlib.Path("solutions", *pathlib.Path(rel).parts[1:]).read_text()
    codes = [shipped, solved]
    answers = sorted(pathlib.Path("tests/answers", e["name"]).glob("wrong_*.toml"))
    for a in answers:
        t = tomllib.loads(a.read_text())
        if t["verdict"] in ("timed-out", "rejected") or len(codes) == 4:
            continue
        code = shipped
        for edit in t.get("edit", []):
            code = code.replace(edit["find"], edit["replace"], 1)
        codes.append(code)
    variants[rel] = codes
# Most students leave some exercises as shipped and solve most; a few make a known mistake.
weights = [0.3, 0.5, 0.12, 0.08]
def write(dir, rel, code):
    p = dir / rel
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(code)
picks = {}
for s in range(students):
    d = tmp / "class" / f"student{s:03}"
    for rel, codes in variants.items():
        i = rng.choices(range(len(codes)), weights[: len(codes)])[0]
        picks[(s, rel)] = i
        write(d, rel, codes[i])
# The late submissions: 10 students change one file each to another variant.
changed = rng.sample(range(students), min(10, students))
with open(tmp / "changed", "w") as f:
    for s in changed:
        rel = rng.choice(sorted(variants))
        codes = variants[rel]
        i = (picks[(s, rel)] + 1) % len(codes)
        f.write(f"{s:03} {rel} {i}\n")
        write(tmp / "late" / f"student{s:03}", rel, codes[i])
distinct = len({(rel, variants[rel][picks[(s, rel)]]) for (s, rel) in picks})
print(f"class: {students} submissions, {len(variants)} exercises, {distinct} distinct files")
PY

"$bin" grade --clear-cache 2>/dev/null
echo "warming up the grader's dependencies (not timed)"
"$bin" grade "$tmp/class/student000" --only threads1 --no-cache --format csv -o /dev/null 2>/dev/null

run() { # label
  local t0 t1 line
  t0=$(date +%s%N)
  "$bin" grade "$tmp"/class/student* --jobs "$jobs" --format csv -o "$tmp/$1.csv" 2>"$tmp/$1.log"
  t1=$(date +%s%N)
  line=$(grep '^Graded' "$tmp/$1.log")
  printf '%-6s %7.1f s   %s\n' "$1" "$(bc -l <<<"($t1 - $t0)/1000000000")" "$line"
}

run cold
cp -r "$tmp/late/." "$tmp/class/"
run second
echo "second run: 10 submissions changed ($(awk '{print $2}' "$tmp/changed" | sort -u | wc -l) exercises)"
