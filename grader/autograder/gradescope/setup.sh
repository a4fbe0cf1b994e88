#!/usr/bin/env bash
# Gradescope autograder setup: runs once, when Gradescope builds the autograder image.
# The bundle (see README.md, "Gradescope") unpacks this workbook into $ROOT/source.
#
# AUTOGRADER_ROOT (default /autograder) lets the project's tests run this in a temporary
# directory laid out like Gradescope's.
set -euo pipefail

ROOT="${AUTOGRADER_ROOT:-/autograder}"
SOURCE="$ROOT/source"
TOOLCHAIN="${WORKBOOK_TOOLCHAIN:-1.95}"

if ! command -v cargo >/dev/null 2>&1 && [ -f "$HOME/.cargo/env" ]; then
    . "$HOME/.cargo/env"
fi
if ! command -v cargo >/dev/null 2>&1; then
    echo "== installing Rust $TOOLCHAIN"
    if command -v apt-get >/dev/null 2>&1; then
        apt-get update -qq
        apt-get install -y -qq curl ca-certificates build-essential git >/dev/null
    fi
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs |
        sh -s -- -y --profile minimal --default-toolchain "$TOOLCHAIN"
    . "$HOME/.cargo/env"
fi

cd "$SOURCE"
# WORKBOOK_BIN: an already built grader (the project's tests use it).
WORKBOOK="${WORKBOOK_BIN:-}"
if [ -z "$WORKBOOK" ]; then
    echo "== building the grader"
    cargo build --quiet --locked --package workbook
    WORKBOOK="$SOURCE/target/debug/workbook"
fi
# Grading one exercise builds loom, trybuild and their dependencies into the image, so
# that no student's run pays for them (a few minutes on a small machine).
echo "== warming the build cache"
first="$(grep -m1 '^name *=' info.toml | cut -d'"' -f2)"
"$WORKBOOK" -C "$SOURCE" grade "$SOURCE" --only "$first" --format json --output /dev/null
echo "== ready"
