#!/usr/bin/env bash
# What recording explanations costs a passing model check.
#
# Runs the loom binary of every loom exercise's solution (all of which pass), model by model
# as the grader does (LOOM_LOCATION=1, the exercise's preemption bound), with the shim's
# recording on (the default) and off (WORKBOOK_EXPLAIN=0), alternating, ROUNDS times each,
# and prints the median wall time of each exercise in both modes and the overall ratio.
# Budget: recording must stay within 20% (ratio <= 1.20).
#
# With BASE=<commit> (e.g. the commit before the recorder), that commit's solutions are built
# in a scratch copy (target/bench-base/<commit>; the first time costs a cold build of loom) and
# timed too: a third column, the shim without any wrappers.
#
# usage: bench/explain_overhead.sh [ROUNDS]   (default 5; from anywhere in the repository)
#        ONLY=publish,spsc_ring bench/explain_overhead.sh   (some exercises only)
#        BASE=40988f1 bench/explain_overhead.sh
set -euo pipefail
cd "$(git rev-parse --show-toplevel)"
rounds=${1:-5}
root=$PWD

# The test executables of the loom targets of a checkout's solutions, from cargo itself
# (no guessing at hashes), after generating and building them as the grader would.
loom_exes() {
    local repo=$1 target=$1/target/workbook/target
    if [ -z "${SKIP_VERIFY:-}" ]; then
        (cd "$repo" && cargo workbook verify --solutions >/dev/null 2>&1) ||
            { echo "verify --solutions failed in $repo" >&2; exit 1; }
    fi
    env -u RUSTFLAGS -u CARGO_ENCODED_RUSTFLAGS CARGO_TARGET_DIR="$target" \
        cargo $(build_cmd "$repo") $(features "$repo") --quiet --message-format=json \
        --manifest-path "$repo/target/workbook/harness/solutions/Cargo.toml" --bins 2>/dev/null |
        python3 -c '
import json, sys
for line in sys.stdin:
    m = json.loads(line)
    name = m.get("target", {}).get("name", "")
    if m.get("reason") == "compiler-artifact" and m.get("executable"):
        # Plain bins named `<exercise>__loom--<package>` (the runner), or libtest binaries
        # named `<exercise>__loom` (before the runner, for BASE commits).
        for mark in ("__loom--",):
            if mark in name:
                print(name.split(mark)[0], m["executable"], "runner")
        if name.endswith("__loom"):
            print(name[:-len("__loom")], m["executable"], "libtest")
'
}

# The loom bins need the harness's `checkers` feature, where it has one (since loom became
# optional there).
features() {
    if grep -q '^checkers = ' "$1/target/workbook/harness/solutions/Cargo.toml"; then
        echo "--features checkers"
    fi
}

# Check executables are plain bins built by `cargo build` since the grader's runner; before
# it, libtest binaries built by `cargo test --no-run`.
build_cmd() {
    if [ -f "$1/grader/shim/runner.rs" ]; then echo build; else echo "test --no-run"; fi
}

exes=$(loom_exes "$root")
base_exes=""
if [ -n "${BASE:-}" ]; then
    # An export, not a worktree: nothing is registered in the repository's git metadata.
    base=$root/target/bench-base/$BASE
    if [ ! -f "$base/info.toml" ]; then
        mkdir -p "$base"
        git archive "$BASE" | tar -x -C "$base"
    fi
    base_exes=$(loom_exes "$base")
fi

python3 - "$rounds" "$root/info.toml" <<PY
import statistics, subprocess, sys, time, tomllib, os
rounds = int(sys.argv[1])
info = {e["name"]: e for e in tomllib.load(open(sys.argv[2], "rb"))["exercises"]}
# name -> (executable, kind): "runner" (the grader's runner) or "libtest" (older commits).
exes = [(l.split(" ")[0], (l.split(" ")[1], l.split(" ")[2])) for l in """$exes""".strip().splitlines()]
base = dict((l.split(" ")[0], (l.split(" ")[1], l.split(" ")[2])) for l in """$base_exes""".strip().splitlines())

def models_of(exe):
    path, kind = exe
    if kind == "runner":
        listed = subprocess.run([path, "--list"], capture_output=True, text=True, stdin=subprocess.DEVNULL).stdout
        return [l for l in listed.splitlines() if l.startswith("workbook_loom::")]
    listed = subprocess.run([path, "--list", "--format", "terse"], capture_output=True, text=True).stdout
    return [l[:-len(": test")] for l in listed.splitlines() if l.endswith(": test") and l.startswith("workbook_loom::")]

def run(exe, models, preemptions, explain):
    path, kind = exe
    env = {k: v for k, v in os.environ.items() if not k.startswith("LOOM_")}
    env.update(LOOM_LOCATION="1", LOOM_MAX_PREEMPTIONS=str(preemptions), RUST_BACKTRACE="0")
    if not explain:
        env["WORKBOOK_EXPLAIN"] = "0"
    start = time.perf_counter()
    for m in models:
        if kind == "runner":
            r = subprocess.run([path, "--check", m, "--loom-preemptions", str(preemptions)], env=env,
                               input="bench-nonce\n", capture_output=True, text=True)
            ok = r.returncode == 0 and "WORKBOOK-DONE bench-nonce" in r.stdout
        else:
            r = subprocess.run([path, "--exact", m, "--nocapture", "--test-threads=1"], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            ok = r.returncode == 0
        if not ok:
            sys.exit(f"{path} {m} failed: a solution must pass")
    return time.perf_counter() - start

extra = f" {'base (s)':>9} {'on/base':>8}" if base else ""
print(f"{'exercise':<20} {'off (s)':>9} {'on (s)':>9} {'on/off':>7}{extra}")
total_off = total_on = total_base = 0.0
only = [n for n in os.environ.get("ONLY", "").split(",") if n]
for name, exe in sorted(exes):
    if only and name not in only:
        continue
    models = models_of(exe)
    pre = info.get(name, {}).get("loom_preemptions", 2)
    off, on, old = [], [], []
    for _ in range(rounds):
        off.append(run(exe, models, pre, False))
        on.append(run(exe, models, pre, True))
        if name in base:
            old.append(run(base[name], models_of(base[name]), pre, True))
    o, n = statistics.median(off), statistics.median(on)
    total_off += o
    total_on += n
    line = f"{name:<20} {o:>9.3f} {n:>9.3f} {n / o:>7.2f}"
    if old:
        b = statistics.median(old)
        total_base += b
        line += f" {b:>9.3f} {n / b:>8.2f}"
    print(line)
line = f"{'all':<20} {total_off:>9.3f} {total_on:>9.3f} {total_on / total_off:>7.2f}"
if total_base:
    line += f" {total_base:>9.3f} {total_on / total_base:>8.2f}"
print(line)
PY
