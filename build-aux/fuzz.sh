#!/usr/bin/env bash
# build-aux/fuzz.sh [SECONDS] — build the libFuzzer harnesses of tests/fuzz/ with clang
# (-fsanitize=fuzzer,address,undefined) in their own build dir and run each for SECONDS
# (default 60, or $TD_FUZZ_SECONDS). Seeds come from tests/fuzz/corpus-NAME/ (never written);
# what the fuzzer learns goes to BUILDDIR/corpus-NAME/, crashes to BUILDDIR/crash-NAME-*.
#
# Prints one TAP line per harness ("ok 1 fuzz-csv") and writes them to BUILDDIR/fuzz.tap,
# which build-aux/test-summary.py counts. Environment: TD_FUZZ_BUILDDIR (default _build-fuzz),
# TD_FUZZ_ONLY (run only the harness with this name, e.g. csv).
set -uo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-${TD_FUZZ_SECONDS:-60}}
builddir=${TD_FUZZ_BUILDDIR:-_build-fuzz}
srcdir=$PWD

if ! command -v clang >/dev/null 2>&1; then
  echo "fuzz: clang is missing (build-aux/setup-debian.sh --tests installs it)" >&2
  exit 1
fi

# The core library, instrumented for coverage and sanitizers; only it and the harnesses are
# built (not the UI).
if [ ! -f "$builddir/build.ninja" ]; then
  CC=clang meson setup "$builddir" \
    -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debugoptimized \
    -Dc_args="-fsanitize=fuzzer-no-link -fno-sanitize-recover=undefined" \
    >"$builddir.setup.log" 2>&1 || { cat "$builddir.setup.log" >&2; exit 1; }
fi
if ! nice ninja -C "$builddir" src/core/libtd-core.a >"$builddir/fuzz-build.log" 2>&1; then
  tail -40 "$builddir/fuzz-build.log" >&2
  exit 1
fi

flags=(-g -O1 -std=gnu17 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
       -I"$builddir" -I"$builddir/src/core" -I"$builddir/resources" -Isrc/core -Isrc/core/store
       -Iresources -DGLIB_VERSION_MIN_REQUIRED=GLIB_VERSION_2_74
       -DGLIB_VERSION_MAX_ALLOWED=GLIB_VERSION_2_74)
# What libtd-core links (src/core/meson.build core_deps).
core_pkgs=(glib-2.0 gio-2.0 sqlite3 libsodium libsecret-1)
libs=("$builddir/src/core/libtd-core.a" $(pkg-config --libs "${core_pkgs[@]}") -lm)
cflags=($(pkg-config --cflags "${core_pkgs[@]}"))

tap="$builddir/fuzz.tap"
: >"$tap"
n=0
failed=0
for harness in tests/fuzz/fuzz-*.c; do
  name=$(basename "$harness" .c)
  short=${name#fuzz-}
  if [ -n "${TD_FUZZ_ONLY:-}" ] && [ "$short" != "$TD_FUZZ_ONLY" ]; then
    continue
  fi
  n=$((n + 1))
  exe="$builddir/$name"
  if ! nice clang "${flags[@]}" "${cflags[@]}" "$harness" "${libs[@]}" -o "$exe" \
       >"$builddir/$name.build.log" 2>&1; then
    cat "$builddir/$name.build.log" >&2
    echo "not ok $n $name # does not build" | tee -a "$tap"
    failed=$((failed + 1))
    continue
  fi
  mkdir -p "$builddir/corpus-$short"
  # Git keeps no empty folders: a harness without seeds starts from nothing, not a failure.
  seeds=; [ -d "tests/fuzz/corpus-$short" ] && seeds="tests/fuzz/corpus-$short"
  # -rss_limit_mb: a field may be large, but the reader must not balloon.
  if G_DEBUG= G_SLICE=always-malloc \
     ASAN_OPTIONS="detect_leaks=1:abort_on_error=1" \
     UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
     LSAN_OPTIONS="suppressions=$srcdir/tests/lsan.supp:print_suppressions=0" \
     nice "$exe" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
       -print_final_stats=1 -artifact_prefix="$builddir/crash-$short-" \
       "$builddir/corpus-$short" $seeds >"$builddir/$name.log" 2>&1; then
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$builddir/$name.log" | grep -o '[0-9]*$')
    echo "ok $n $name # ${runs:-?} runs in ${seconds} s" | tee -a "$tap"
  else
    tail -60 "$builddir/$name.log" >&2
    echo "not ok $n $name # crashed: see $builddir/$name.log and $builddir/crash-$short-*" | tee -a "$tap"
    failed=$((failed + 1))
  fi
done
echo "1..$n" >>"$tap"
[ "$failed" -eq 0 ]
