#!/usr/bin/env bash
# ./test.sh [MESON TEST ARGS…] — install what is missing, build, and run the whole test suite
# headless (Xvfb). The last line is always: tests: N passed, N failed, N skipped
set -uo pipefail
cd "$(dirname "$0")"

build-aux/setup-debian.sh --tests || exit 1

if [ ! -f _build/build.ninja ]; then
  meson setup _build >/dev/null || exit 1
fi
if ! meson compile -C _build >/dev/null; then
  meson compile -C _build 2>&1 | tail -40
  echo "tests: 0 passed, 1 failed, 0 skipped"
  exit 1
fi

# UI tests need a display and a session bus; give them private ones.
dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp" \
  meson test -C _build --print-errorlogs "$@"
status=$?

python3 build-aux/test-summary.py _build/meson-logs/testlog.json || status=1
exit $status
