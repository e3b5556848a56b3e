// Straight after a clone (no node_modules), every command that builds the package and runs n8n
// says "run `npm ci` first" instead of failing on a missing file, before it installs anything.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const clone = mkdtempSync(join(tmpdir(), 'krebit-no-npm-ci-'));
after(() => rmSync(clone, { recursive: true, force: true }));
for (const part of ['package.json', '.npmrc', 'scripts', 'test/e2e', 'sandbox', 'bench']) cpSync(join(ROOT, part), join(clone, part), { recursive: true });

for (const script of ['demo', 'test:e2e', 'test:e2e:queue', 'test:e2e:n8n3', 'bench', 'screenshots']) {
	test(`npm run ${script} before npm ci says to run npm ci first`, () => {
		const environment = { ...process.env, KREBIT_N8N_CACHE: join(clone, 'no-cache') };
		for (const key of Object.keys(environment)) if (/^npm_/i.test(key)) delete environment[key];
		const run = spawnSync('npm', ['run', '--silent', script], { cwd: clone, env: environment, encoding: 'utf8', timeout: 60_000 });
		assert.equal(run.status, 1, run.stdout + run.stderr);
		assert.match(run.stderr, new RegExp(`run \`npm ci\` first and then \`npm run ${script}\` again`));
		assert.doesNotMatch(run.stdout + run.stderr, /ENOENT|installing n8n/);
	});
}
