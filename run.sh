#!/usr/bin/env bash
# ./run.sh [ARGS…] — install what is missing, build, and start Thriftdesk.
# Without arguments it opens the shop in ~/.local/share/thriftdesk/shop.db (created on first
# start, when it offers a demo shop). Arguments go to the app: ./run.sh --help
set -euo pipefail
cd "$(dirname "$0")"

build-aux/setup-debian.sh

if [ ! -f _build/build.ninja ]; then
  meson setup _build >/dev/null
fi
meson compile -C _build >/dev/null

# Translations and the settings schema straight from the build tree, no install needed.
export GSETTINGS_SCHEMA_DIR="$PWD/_build/data"
export THRIFTDESK_LOCALEDIR="$PWD/_build/po"
# A bare container or ssh session may have no locale at all; GLib then prints "?" for "…".
if [ -z "${LC_ALL:-}${LC_CTYPE:-}${LANG:-}" ]; then
  export LANG=C.UTF-8
fi

# --help and --version need no display; the window does.
case " $* " in
  *" -h "*|*" --help"*|*" -v "*|*" --version "*) ;;
  *)
    if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
      echo "run.sh: built, but there is no display to open the window on (DISPLAY and" >&2
      echo "WAYLAND_DISPLAY are unset). Run it in a desktop session, or try it headless:" >&2
      echo "  xvfb-run -a ./run.sh $*" >&2
      exit 1
    fi
    ;;
esac
exec _build/src/thriftdesk "$@"
