#!/usr/bin/env bash
# marketplace-mock.sh — start a contract-driven Prism mock of a marketplace API on loopback.
# (Thriftdesk copy of shared/tools/marketplace-mock.sh: adds the ebay-media alias, PRISM_BIN and
# MOCK_PATCH_DIR, and looks for the specs in tests/contracts/specs/ next to this script first.)
#
# Usage:  marketplace-mock.sh SPEC PORT [extra prism args...]
#   SPEC  a path to an OpenAPI file, or one of the aliases:
#         ebay-inventory | ebay-fulfillment | ebay-account | ebay-metadata | ebay-taxonomy |
#         ebay-media | etsy | woocommerce
#   PORT  TCP port on 127.0.0.1 (always loopback; there is no host option on purpose)
#
# Examples:
#   ../shared/tools/marketplace-mock.sh ebay-inventory 4010 &      # then: PUT http://127.0.0.1:4010/inventory_item/SKU1
#   ../shared/tools/marketplace-mock.sh etsy 4011 -d &             # -d = dynamic (random) response bodies
#   MOCK_PATCH=0 ../shared/tools/marketplace-mock.sh ebay-inventory 4010   # serve the spec exactly as published
#
# Environment:
#   PRISM_DIR        where Prism is installed if missing (default /tmp/prism-cli)
#   PRISM_VERSION    @stoplight/prism-cli version (default 5.16.0)
#   PRISM_BIN        an installed prism executable to use (default $PRISM_DIR/node_modules/.bin/prism)
#   MOCK_SPECS_DIR   folder holding ebay/, etsy/, woocommerce/ (default: shared/specs found near
#                    this script or the current directory)
#   MOCK_PATCH       1 (default) = serve a patched copy (see below); 0 = serve the file untouched
#   MOCK_PATCH_DIR   where the patched copy is written (default /tmp/marketplace-mock)
#   MOCK_UPSTREAM    if set (e.g. http://127.0.0.1:5000, loopback only), run `prism proxy` in front of
#                    that server instead of mocking: each request is validated against the contract,
#                    invalid ones get 422 problem+json and are NOT forwarded, and upstream responses
#                    that break the contract become 500 problem+json (this is what --errors does).
#
# The patched copy (written to /tmp/marketplace-mock/) changes two things only:
#   * eBay declares product.aspects / InventoryItemGroup.aspects as "type: string", but the real API
#     wants an object {"Brand":["X"],...}; the patch makes it an object of string arrays so real
#     payloads validate.
#   * Every operation gets a 429 response with a Retry-After header, so a test can ask for it with
#     the request header  "Prefer: code=429"  (none of the published specs declare 429).
#
# Prism routes are the spec's `paths` WITHOUT the server base path: the eBay Inventory mock serves
# /inventory_item/{sku}, not /sell/inventory/v1/inventory_item/{sku}. Point the app's base URL at
# http://127.0.0.1:PORT (eBay, WooCommerce) — Etsy's paths already start with /v3/application.
# Stop the mock by killing the PID you started (e.g. `kill $!`).
set -euo pipefail

if [ "$#" -lt 2 ]; then
  sed -n '2,25p' "$0" >&2
  exit 2
fi
spec_arg=$1; port=$2; shift 2
case "$port" in ''|*[!0-9]*) echo "marketplace-mock: PORT must be a number" >&2; exit 2;; esac

PRISM_DIR=${PRISM_DIR:-/tmp/prism-cli}
PRISM_VERSION=${PRISM_VERSION:-5.16.0}
MOCK_PATCH=${MOCK_PATCH:-1}
script_dir=$(cd "$(dirname "$0")" && pwd)

find_specs_dir() {
  if [ -n "${MOCK_SPECS_DIR:-}" ]; then echo "$MOCK_SPECS_DIR"; return; fi
  for d in "$script_dir/specs" "$script_dir/../specs" "$script_dir/../shared/specs" "$PWD/shared/specs" "$PWD/../shared/specs" "$script_dir/../../shared/specs"; do
    if [ -d "$d" ]; then (cd "$d" && pwd); return; fi
  done
  echo "marketplace-mock: cannot find shared/specs; set MOCK_SPECS_DIR" >&2; exit 2
}

case "$spec_arg" in
  ebay-inventory)   spec="$(find_specs_dir)/ebay/sell_inventory_v1_oas3.json" ;;
  ebay-fulfillment) spec="$(find_specs_dir)/ebay/sell_fulfillment_v1_oas3.json" ;;
  ebay-account)     spec="$(find_specs_dir)/ebay/sell_account_v1_oas3.json" ;;
  ebay-metadata)    spec="$(find_specs_dir)/ebay/sell_metadata_v1_oas3.json" ;;
  ebay-taxonomy)    spec="$(find_specs_dir)/ebay/commerce_taxonomy_v1_oas3.json" ;;
  ebay-media)       spec="$(find_specs_dir)/ebay/commerce_media_v1_beta_oas3.json" ;;
  etsy)             spec="$(find_specs_dir)/etsy/etsy_openapi_v3.json" ;;
  woocommerce)      spec="$(find_specs_dir)/woocommerce/woocommerce-rest-api-openapi-specification.yml" ;;
  *)                spec=$spec_arg ;;
esac
[ -f "$spec" ] || { echo "marketplace-mock: no such spec: $spec" >&2; exit 2; }

prism="${PRISM_BIN:-$PRISM_DIR/node_modules/.bin/prism}"
if [ ! -x "$prism" ]; then
  command -v npm >/dev/null || { echo "marketplace-mock: npm (Node.js) is required" >&2; exit 2; }
  echo "marketplace-mock: installing @stoplight/prism-cli@$PRISM_VERSION into $PRISM_DIR" >&2
  mkdir -p "$PRISM_DIR"
  npm install --prefix "$PRISM_DIR" --no-audit --no-fund --loglevel=error \
    "@stoplight/prism-cli@$PRISM_VERSION" >&2
fi

if [ "$MOCK_PATCH" = 1 ]; then
  patch_dir=${MOCK_PATCH_DIR:-/tmp/marketplace-mock}
  mkdir -p "$patch_dir"
  out="$patch_dir/$(basename "${spec%.*}").$port.patched.json"
  PRISM_DIR="$PRISM_DIR" node - "$spec" "$out" <<'EOF'
const fs = require('fs');
const [src, dst] = process.argv.slice(2);
const text = fs.readFileSync(src, 'utf8');
const doc = /\.ya?ml$/i.test(src)
  ? require(process.env.PRISM_DIR + '/node_modules/js-yaml').load(text)
  : JSON.parse(text);
// 1. eBay: aspects is a map name -> [values], not a string.
const schemas = (doc.components && doc.components.schemas) || {};
for (const s of Object.values(schemas)) {
  const a = s && s.properties && s.properties.aspects;
  if (a && a.type === 'string') {
    s.properties.aspects = { type: 'object', description: a.description,
      additionalProperties: { type: 'array', items: { type: 'string' } } };
  }
}
// 2. Let tests request a throttling response with "Prefer: code=429".
const methods = ['get', 'put', 'post', 'delete', 'patch'];
for (const item of Object.values(doc.paths || {})) {
  for (const m of methods) {
    const op = item && item[m];
    if (!op || !op.responses || op.responses['429']) continue;
    op.responses['429'] = {
      description: 'Too Many Requests (added by marketplace-mock.sh; not in the published contract)',
      headers: { 'Retry-After': { schema: { type: 'integer', example: 1 } } },
      content: { 'application/json': { schema: { type: 'object' },
        example: { error: 'Too Many Requests', errors: [{ errorId: 2001, message: 'Too many requests.' }] } } },
    };
  }
}
fs.writeFileSync(dst, JSON.stringify(doc));
EOF
  spec=$out
fi

if [ -n "${MOCK_UPSTREAM:-}" ]; then
  case "$MOCK_UPSTREAM" in
    http://127.0.0.1:*|http://127.0.0.1/*|http://localhost:*|http://localhost/*|http://\[::1\]:*) ;;
    *) echo "marketplace-mock: MOCK_UPSTREAM must be a loopback http:// URL" >&2; exit 2 ;;
  esac
  echo "marketplace-mock: validating proxy $spec on http://127.0.0.1:$port -> $MOCK_UPSTREAM (--errors)" >&2
  exec "$prism" proxy "$spec" "$MOCK_UPSTREAM" -h 127.0.0.1 -p "$port" --errors "$@"
fi
echo "marketplace-mock: serving $spec on http://127.0.0.1:$port (--errors)" >&2
exec "$prism" mock "$spec" -h 127.0.0.1 -p "$port" --errors "$@"
