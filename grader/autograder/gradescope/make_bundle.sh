#!/usr/bin/env bash
# Builds the Gradescope autograder bundle: this workbook (as committed: your exercises,
# checks and info.toml) with setup.sh and run_autograder at the top of the zip.
#   grader/autograder/gradescope/make_bundle.sh [OUT.zip]    (default: autograder.zip)
# Settings for run_autograder (ONLY=..., TIMEOUT=...) go in an autograder.conf committed at
# the top of the repository; it is bundled with the rest.
set -euo pipefail
cd "$(git -C "$(dirname "$0")" rev-parse --show-toplevel)"
out="${1:-autograder.zip}"
here=grader/autograder/gradescope
git archive --format=zip --output="$out" \
    --add-file="$here/setup.sh" --add-file="$here/run_autograder" HEAD
echo "wrote $out: upload it as the autograder of a Gradescope programming assignment"
