// The fresh-machine path of scripts/n8n/install.sh, in about two minutes instead of two n8n
// installs: its native-build step, started the way `npm run demo` starts it (inside `npm run`,
// with the project's `ignore-scripts=true` exported as npm_config_ignore_scripts), against a
// throwaway folder holding only n8n's sqlite3. The binding must then load with this Node.
// KREBIT_INSTALL_SCRIPT runs another copy of the script (to show an older one fails).
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SCRIPT = resolve(process.env.KREBIT_INSTALL_SCRIPT ?? join(ROOT, 'scripts/n8n/install.sh'));
// The sqlite3 that n8n 2.41.1 and 1.123.81 both pin.
const SQLITE3 = 'sqlite3@5.1.7';

const work = mkdtempSync(join(tmpdir(), 'krebit-native-build-'));
after(() => rmSync(work, { recursive: true, force: true }));

function makePackage(folder, packageJson, npmrc) {
	mkdirSync(folder, { recursive: true });
	writeFileSync(join(folder, 'package.json'), JSON.stringify(packageJson));
	if (npmrc) writeFileSync(join(folder, '.npmrc'), npmrc);
}

function loadsSqlite3(folder) {
	return spawnSync(process.execPath, ['-e', `
		const sqlite3 = require(${JSON.stringify(join(folder, 'node_modules/sqlite3'))});
		new sqlite3.Database(':memory:').get('select 6 * 7 as answer', (error, row) => {
			if (error || row.answer !== 42) { console.error(error?.message ?? row); process.exit(1); }
		});
	`], { encoding: 'utf8' });
}

test('the native build under `npm run` (scripts off) leaves a sqlite3 binding that loads with this Node', { timeout: 600_000 }, () => {
	const nodeDir = dirname(dirname(process.execPath));
	assert.ok(existsSync(join(nodeDir, 'include/node/node_api.h')), `this Node has no headers in ${nodeDir}/include/node`);

	// What n8n's install leaves before the build: sqlite3's files, its install script not run.
	const prefix = join(work, 'prefix');
	makePackage(prefix, { private: true });
	execFileSync('npm', ['install', '--prefer-offline', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error', SQLITE3], { cwd: prefix, stdio: ['ignore', 'ignore', 'inherit'] });
	assert.equal(loadsSqlite3(prefix).status, 1, 'sqlite3 loads before any build: this test would prove nothing');

	// A package like ours: .npmrc turns scripts off, and a script of it starts the build.
	const project = join(work, 'project');
	makePackage(project, {
		private: true,
		scripts: { 'build-native': 'echo "npm_config_ignore_scripts=$npm_config_ignore_scripts" && bash "$SCRIPT" --build-native "$PREFIX" "$NODE_DIR"' },
	}, 'ignore-scripts=true\n');
	const environment = { ...process.env, SCRIPT, PREFIX: prefix, NODE_DIR: nodeDir, PATH: `${nodeDir}/bin:${process.env.PATH}` };
	for (const key of Object.keys(environment)) if (/^npm_/i.test(key)) delete environment[key];
	const run = spawnSync('npm', ['run', '--silent', 'build-native'], { cwd: project, env: environment, encoding: 'utf8' });
	assert.match(run.stdout, /npm_config_ignore_scripts=true/, 'the script did not run with scripts off, as `npm run demo` does');
	assert.equal(run.status, 0, `the build failed:\n${run.stderr}`);

	const loaded = loadsSqlite3(prefix);
	const why = loaded.stderr.split('\n').find((line) => /Error/.test(line))?.slice(0, 160);
	assert.equal(loaded.status, 0, `sqlite3 does not load with ${process.execPath} after the build: ${why}`);
});
