#!/usr/bin/env bash
# What recording explanations costs a passing model check.
#
# Runs the loom binary of every loom exercise's solution (all of which pass), model by model
# as the grader does (LOOM_LOCATION=1, the exercise's preemption bound), with the shim's
# recording on (the default) and off (WORKBOOK_EXPLAIN=0), alternating, ROUNDS times each,
# and prints the median wall time of each exercise in both modes and the overall ratio.
# Budget: recording must stay within 20% (ratio <= 1.20).
#
# usage: bench/explain_overhead.sh [ROUNDS]   (default 5; from anywhere in the repository)
#        ONLY=publish,spsc_ring bench/explain_overhead.sh   (some exercises only)
set -euo pipefail
cd "$(git rev-parse --show-toplevel)"
rounds=${1:-5}
root=$PWD
target=$root/target/workbook/target
manifest=$root/target/workbook/harness/solutions/Cargo.toml

# Generate and build the solutions' package, as the grader would (SKIP_VERIFY=1: it is).
if [ -z "${SKIP_VERIFY:-}" ]; then
    cargo workbook verify --solutions >/dev/null 2>&1 || { echo "verify --solutions failed" >&2; exit 1; }
fi

# The test executables of the loom targets, from cargo itself (no guessing at hashes).
exes=$(env -u RUSTFLAGS -u CARGO_ENCODED_RUSTFLAGS CARGO_TARGET_DIR="$target" \
    cargo test --no-run --quiet --message-format=json --manifest-path "$manifest" --bins 2>/dev/null |
    python3 -c '
import json, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m.get("executable") and m["target"]["name"].endswith("__loom"):
        print(m["target"]["name"][:-len("__loom")], m["executable"])
')

python3 - "$rounds" "$root/info.toml" <<PY
import statistics, subprocess, sys, time, tomllib, os
rounds = int(sys.argv[1])
info = {e["name"]: e for e in tomllib.load(open(sys.argv[2], "rb"))["exercises"]}
exes = [l.split(" ", 1) for l in """$exes""".strip().splitlines()]

def run(exe, models, preemptions, explain):
    env = {k: v for k, v in os.environ.items() if not k.startswith("LOOM_")}
    env.update(LOOM_LOCATION="1", LOOM_MAX_PREEMPTIONS=str(preemptions), RUST_BACKTRACE="0")
    if not explain:
        env["WORKBOOK_EXPLAIN"] = "0"
    start = time.perf_counter()
    for m in models:
        r = subprocess.run([exe, "--exact", m, "--nocapture", "--test-threads=1"], env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if r.returncode != 0:
            sys.exit(f"{exe} {m} failed: a solution must pass")
    return time.perf_counter() - start

print(f"{'exercise':<20} {'off (s)':>9} {'on (s)':>9} {'ratio':>7}")
total_off = total_on = 0.0
only = [n for n in os.environ.get("ONLY", "").split(",") if n]
for name, exe in sorted(exes):
    if only and name not in only:
        continue
    listed = subprocess.run([exe, "--list", "--format", "terse"], capture_output=True, text=True).stdout
    models = [l[:-len(": test")] for l in listed.splitlines() if l.endswith(": test") and l.startswith("workbook_loom::")]
    pre = info.get(name, {}).get("loom_preemptions", 2)
    off, on = [], []
    for _ in range(rounds):
        off.append(run(exe, models, pre, False))
        on.append(run(exe, models, pre, True))
    o, n = statistics.median(off), statistics.median(on)
    total_off += o
    total_on += n
    print(f"{name:<20} {o:>9.3f} {n:>9.3f} {n / o:>7.2f}")
print(f"{'all':<20} {total_off:>9.3f} {total_on:>9.3f} {total_on / total_off:>7.2f}")
PY
