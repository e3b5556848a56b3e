#!/usr/bin/env bash
# Compiles nodes/ and credentials/ of an earlier commit into
# node_modules/.krebit-bench/before/<commit>/build (out of git and out of the linter's way), so
# the bench can load that Krebit node with --nodes <that folder>/nodes.
set -euo pipefail
cd "$(dirname "$0")/.."
commit="${1:?usage: bench/build-before.sh <commit>}"
dir="node_modules/.krebit-bench/before/$commit"
rm -rf "$dir" && mkdir -p "$dir"
git archive "$commit" nodes credentials | tar -x -C "$dir"
cat > "$dir/tsconfig.json" <<JSON
{ "extends": "../../../../tsconfig.json",
  "compilerOptions": { "types": ["node"], "rootDir": ".", "outDir": "build", "noUnusedLocals": false },
  "include": ["nodes/**/*.ts", "credentials/**/*.ts"] }
JSON
npx tsc -p "$dir/tsconfig.json"
echo "$dir/build/nodes"
