#!/usr/bin/env python3
"""Watch mode, save to verdict: the time from a save landing on disk to the verdict line on
the watch screen, median of several saves, for a std test exercise and a loom exercise.
Works on a temporary copy of the workbook; builds are shared with this checkout's
target/workbook/target, so run `cargo workbook verify --solutions` once first.
    usage: python3 bench/watch_latency.py [saves]"""
import os, shutil, statistics, subprocess, sys, tempfile, threading, time, json

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAVES = int(sys.argv[1]) if len(sys.argv) > 1 else 7
subprocess.run(["cargo", "build", "-q", "-p", "workbook"], cwd=ROOT, check=True)
BIN = os.path.join(ROOT, "target", "debug", "workbook")
env = dict(os.environ, NO_COLOR="1", WORKBOOK_TARGET_DIR=os.path.join(ROOT, "target/workbook/target"))

def measure(name):
    tmp = tempfile.mkdtemp()
    try:
        for entry in ["info.toml", "exercises", "solutions", "tests"]:
            src = os.path.join(ROOT, entry)
            (shutil.copytree if os.path.isdir(src) else shutil.copy)(src, os.path.join(tmp, entry))
        rows = json.loads(subprocess.run([BIN, "-C", tmp, "list", "--format", "json"], env=env, capture_output=True, check=True).stdout)
        path = next(r["path"] for r in rows if r["name"] == name)
        exercise = os.path.join(tmp, path)
        text = open(exercise).read()
        # Make it the current exercise: mark every earlier one done.
        done = [r["name"] for r in rows[: [r["name"] for r in rows].index(name)]]
        open(os.path.join(tmp, ".workbook-state.toml"), "w").write("done = %s\n" % json.dumps(done))
        proc = subprocess.Popen([BIN, "watch"], cwd=tmp, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        verdicts = []  # (time, line)
        def read():
            for line in proc.stdout:
                if line.startswith(("✓ " + name, "✗ " + name)):
                    verdicts.append(time.monotonic())
        threading.Thread(target=read, daemon=True).start()
        def wait(n):
            end = time.monotonic() + 120
            while len(verdicts) < n and time.monotonic() < end:
                time.sleep(0.002)
            assert len(verdicts) >= n, "no verdict"
        wait(1)
        times = []
        for i in range(SAVES):
            time.sleep(0.3)
            n = len(verdicts)
            with open(exercise, "w") as f:
                f.write(text + "\n// save %d\n" % i)
            saved = time.monotonic()
            wait(n + 1)
            times.append(verdicts[n] - saved)
        proc.stdin.write("q\n"); proc.stdin.flush(); proc.wait(timeout=10)
        return times
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

for name, mode in [("threads1", "test"), ("bank_transfer", "loom")]:
    t = measure(name)
    print("%-16s %-6s median %.3f s  (min %.3f, max %.3f, %d saves)" % (name, mode, statistics.median(t), min(t), max(t), len(t)))
