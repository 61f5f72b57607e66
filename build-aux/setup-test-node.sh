# setup-test-node.sh — sourced by ./test.sh (not by ./run.sh): make the marketplace contract
# checks runnable. Ensures Node.js and npm (Debian packages nodejs, npm, when missing), installs
# @stoplight/prism-cli and graphql into a cache folder outside the repository, and exports
#   TD_TEST_PRISM    the prism executable   (tests/net/td-test-contract.c)
#   TD_TEST_GQL_DIR  the folder holding node_modules/graphql (tests/contracts/graphql-validate.mjs)
# Idempotent: once installed it only checks two files. When npm cannot be had it says so and
# leaves both unset; the contract tests then skip with that reason instead of failing.
# Set TD_TEST_NODE=0 to skip all of this.
#
# SPDX-License-Identifier: GPL-3.0-or-later

td_node_setup() {
  local dir=${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/thriftdesk/node
  local prism_version=5.16.0
  local prism=$dir/node_modules/.bin/prism

  if [ ! -x "$prism" ] || [ ! -f "$dir/node_modules/graphql/package.json" ] \
     || ! grep -q "\"version\": \"$prism_version\"" \
          "$dir/node_modules/@stoplight/prism-cli/package.json" 2>/dev/null; then
    if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
      local sudo=
      if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then
        sudo=sudo
      fi
      if [ "$(id -u)" -eq 0 ] || [ -n "$sudo" ]; then
        echo "setup: installing nodejs and npm for the marketplace contract tests"
        DEBIAN_FRONTEND=noninteractive $sudo apt-get update -qq >/dev/null 2>&1
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
          nodejs npm >/dev/null 2>&1
      fi
    fi
    if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
      echo "setup: WARNING: Node.js/npm unavailable; the marketplace contract tests (Prism," \
           "GraphQL schema) will be SKIPPED" >&2
      return 0
    fi
    echo "setup: installing @stoplight/prism-cli@$prism_version and graphql into $dir"
    mkdir -p "$dir"
    if ! npm install --prefix "$dir" --no-audit --no-fund --loglevel=error \
           "@stoplight/prism-cli@$prism_version" graphql@16 >/dev/null; then
      echo "setup: WARNING: npm install failed; the marketplace contract tests will be SKIPPED" >&2
      return 0
    fi
  fi
  export TD_TEST_PRISM=$prism
  export TD_TEST_GQL_DIR=$dir
}

if [ "${TD_TEST_NODE:-1}" != 0 ]; then
  td_node_setup
fi
unset -f td_node_setup
