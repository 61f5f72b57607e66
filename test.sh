#!/usr/bin/env bash
# ./test.sh [MESON TEST ARGS…] — install what is missing, build, and run the whole test suite
# headless (Xvfb). The last line is always: tests: N passed, N failed, N skipped
set -uo pipefail
cd "$(dirname "$0")"

build-aux/setup-debian.sh --tests || exit 1
# Node.js, Prism and graphql for the marketplace contract tests (exports TD_TEST_PRISM, TD_TEST_GQL_DIR).
. build-aux/setup-test-node.sh

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
logs=(_build/meson-logs/testlog.json)

# Every C suite again, built with AddressSanitizer and UBSan in _build-asan (TD_ASAN=0 skips
# it). Any report fails the test it happens in.
# - core, photos, documents, net: with leak detection; only known third-party leaks are
#   suppressed (tests/lsan.supp, documented there). Full stack unwinding, so that a leak inside
#   fontconfig reached through a since-unloaded module still shows the frame the suppression
#   matches.
# - ui (the window tests): memory errors and undefined behaviour, without leak detection —
#   GTK, fontconfig and the GL driver keep process-lifetime caches that full unwinding would
#   need to attribute, which makes these tests ~20 times slower; our own code's leaks are
#   caught by the suites above, which run it without the window.
# GTK draws with cairo here (the GL driver is not ours, and is slow under ASan).
if [ "${TD_ASAN:-1}" != 0 ]; then
  rm -f _build-asan/meson-logs/testlog.json _build-asan/meson-logs/testlog-ui.json
  if [ ! -f _build-asan/build.ninja ]; then
    meson setup _build-asan -Db_sanitize=address,undefined >/dev/null || status=1
  fi
  if meson compile -C _build-asan >/dev/null; then
    asan_env=(G_SLICE=always-malloc GSK_RENDERER=cairo
              "LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp:print_suppressions=0"
              "UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1")
    env "${asan_env[@]}" ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:fast_unwind_on_malloc=0 \
    dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp" \
      meson test -C _build-asan --print-errorlogs --timeout-multiplier 3 \
        --suite core --suite photos --suite documents --suite net "$@" \
      || status=1
    env "${asan_env[@]}" ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 \
    dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp" \
      meson test -C _build-asan --print-errorlogs --timeout-multiplier 3 --logbase testlog-ui \
        --suite ui "$@" \
      || status=1
  else
    meson compile -C _build-asan 2>&1 | tail -40
    status=1
  fi
  for log in _build-asan/meson-logs/testlog.json _build-asan/meson-logs/testlog-ui.json; do
    [ -f "$log" ] && logs+=("$log")
  done
fi

# The libFuzzer harnesses of tests/fuzz/, TD_FUZZ_SECONDS each (default 20; 0 skips them).
fuzz_seconds=${TD_FUZZ_SECONDS:-20}
if [ "$fuzz_seconds" != 0 ]; then
  rm -f _build-fuzz/fuzz.tap
  TD_FUZZ_BUILDDIR=_build-fuzz build-aux/fuzz.sh "$fuzz_seconds" || status=1
  if [ -f _build-fuzz/fuzz.tap ]; then
    logs+=(_build-fuzz/fuzz.tap)
  else
    status=1
  fi
fi

python3 build-aux/test-summary.py "${logs[@]}" || status=1
exit $status
