#!/usr/bin/env bash
# setup-debian.sh — install what Thriftdesk needs on Debian 12 / Ubuntu 24.04, only what is
# missing. Sourced by ./run.sh and ./test.sh; safe to run again (it then does nothing).
#   build-aux/setup-debian.sh            build and run packages
#   build-aux/setup-debian.sh --tests    also what the test suite needs (Xvfb, zbar, poppler …)
set -euo pipefail

packages=(
  meson ninja-build pkg-config gcc gettext
  libglib2.0-dev libgtk-4-dev libadwaita-1-dev libsqlite3-dev
  libsoup-3.0-dev libjson-glib-dev libsecret-1-dev libpoppler-glib-dev libqrencode-dev libzint-dev
  libportal-gtk4-dev libsodium-dev
  libgstreamer1.0-dev libgstreamer-plugins-base1.0-dev gstreamer1.0-plugins-base
  gstreamer1.0-plugins-good
  desktop-file-utils appstream libxml2-utils fonts-dejavu-core
  librsvg2-common  # GTK's SVG icon loader: only a Recommends, so without it every icon is "missing"
)
test_packages=(
  xvfb xauth dbus locales sqlite3 poppler-utils zbar-tools flatpak-builder fonts-wqy-microhei
  clang  # libFuzzer harnesses (build-aux/fuzz.sh); its runtime ships with the compiler
)

if [ "${1:-}" = "--tests" ]; then
  packages+=("${test_packages[@]}")
fi

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  case "$status" in
    *"install ok installed"*) ;;
    *) missing+=("$p") ;;
  esac
done

if [ ${#missing[@]} -gt 0 ]; then
  sudo=
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      sudo=sudo
    else
      echo "setup: these packages are missing and I am not root (and there is no sudo):" >&2
      echo "  ${missing[*]}" >&2
      exit 1
    fi
  fi
  echo "setup: installing ${#missing[@]} missing packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The money tests check two real locales besides C; generate them once when missing.
if [ "${1:-}" = "--tests" ]; then
  need_locales=()
  for l in en_US de_DE zh_CN; do
    locale -a 2>/dev/null | grep -qi "^${l}\.utf-\?8$" || need_locales+=("$l")
  done
  if [ ${#need_locales[@]} -gt 0 ]; then
    sudo=; [ "$(id -u)" -eq 0 ] || sudo=sudo
    for l in "${need_locales[@]}"; do
      $sudo sed -i "s/^# *\(${l}.UTF-8 UTF-8\)/\1/" /etc/locale.gen
      grep -q "^${l}.UTF-8 UTF-8" /etc/locale.gen || echo "${l}.UTF-8 UTF-8" | $sudo tee -a /etc/locale.gen >/dev/null
    done
    echo "setup: generating locales: ${need_locales[*]}"
    $sudo locale-gen >/dev/null
  fi
fi
