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
exec _build/src/thriftdesk "$@"
