// The pieces an e2e run, the demo and the bench start: the Krebit sandbox (its own process)
// and a real n8n with the packed package installed, signed in through its REST API.
import { execFileSync, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { N8nProcess, ROOT, installN8n, installPackage, nodeBinaryFor, packPackage } from './n8n-process.mjs';
import { N8nRest } from './rest.mjs';
import { SandboxClient } from './sandbox-client.mjs';

/**
 * Starts `node sandbox/server.mjs` and resolves when it prints its ready line:
 * `{ port, caFile, client, stop() }`.
 */
export async function startSandbox({ port, args = [], stdio = 'pipe', onLine } = {}) {
	const child = spawn(process.execPath, [join(ROOT, 'sandbox/server.mjs'), '--port', String(port), ...args], {
		stdio: [stdio === 'inherit' ? 'inherit' : 'ignore', 'pipe', 'inherit'],
	});
	const exited = new Promise((done) => child.once('exit', done));
	const ready = await new Promise((resolve, reject) => {
		let buffered = '';
		let isReady = false;
		child.stdout.on('data', (chunk) => {
			buffered += chunk.toString();
			let at;
			while ((at = buffered.indexOf('\n')) !== -1) {
				const line = buffered.slice(0, at);
				buffered = buffered.slice(at + 1);
				const match = /ready on https:\/\/[^:]+:(\d+).*CA: ([^)]+)\)/.exec(line);
				if (match && !isReady) {
					isReady = true;
					resolve({ port: Number(match[1]), caFile: match[2].trim() });
				} else if (onLine) onLine(line);
			}
		});
		child.once('exit', (code) => reject(new Error(`the sandbox exited (${code}) before it was ready`)));
	});
	const client = new SandboxClient({ port: ready.port, caFile: ready.caFile });
	return {
		...ready,
		pid: child.pid,
		client,
		async stop() {
			if (child.exitCode !== null) return;
			child.kill('SIGTERM');
			await exited;
		},
	};
}

/** Installs n8n `version` (cached), installs the packed package into a fresh user folder and starts it. */
export async function startN8n({ version, sandbox, port, env = {}, tarball = packPackage() }) {
	const installDir = installN8n(version);
	const n8n = new N8nProcess({ version, installDir, port, sandbox, env });
	installPackage(n8n.userFolder, tarball, installDir);
	await n8n.start();
	const rest = new N8nRest(n8n);
	await rest.signIn();
	return { n8n, rest };
}

/** n8n's REST API sends run data "flatted"; this is the install's own copy of that library. */
export function flattedParser(installDir) {
	const require = createRequire(join(installDir, 'node_modules/n8n/package.json'));
	return require('flatted').parse;
}

/** Runs `script` (JavaScript with n8n's own sqlite3) on n8n's database with `args` after it; its printed output. */
function withN8nDatabase(n8n, script, ...args) {
	return execFileSync(nodeBinaryFor(n8n.installDir), ['-e', script, join(n8n.userFolder, '.n8n/database.sqlite'), ...args], {
		env: { PATH: process.env.PATH, NODE_PATH: join(n8n.installDir, 'node_modules') },
		encoding: 'utf8',
	}).trim();
}

/** A workflow's static data as n8n saved it in its database (parsed; null when none). */
export function workflowStaticData(n8n, workflowId) {
	const script = `
		const sqlite3 = require('sqlite3');
		const db = new sqlite3.Database(process.argv[1], sqlite3.OPEN_READONLY);
		db.get('SELECT staticData FROM workflow_entity WHERE id = ?', [process.argv[2]], function (error, row) {
			if (error) { console.error(error.message); process.exit(1); }
			console.log(row && row.staticData ? row.staticData : 'null');
			db.close();
		});`;
	const parsed = JSON.parse(withN8nDatabase(n8n, script, workflowId));
	return typeof parsed === 'string' ? JSON.parse(parsed) : parsed;
}

/**
 * Changes the workflow's static data straight in n8n's SQLite database while n8n is stopped,
 * as a restored export or a reset row would: `null` empties it.
 */
export function setWorkflowStaticData(n8n, workflowId, staticData) {
	const script = `
		const sqlite3 = require('sqlite3');
		const db = new sqlite3.Database(process.argv[1]);
		db.run('UPDATE workflow_entity SET staticData = ? WHERE id = ?', [process.argv[3] === 'null' ? null : process.argv[3], process.argv[2]], function (error) {
			if (error) { console.error(error.message); process.exit(1); }
			console.log(this.changes);
			db.close();
		});`;
	const changed = withN8nDatabase(n8n, script, workflowId, JSON.stringify(staticData));
	if (changed !== '1') throw new Error(`expected to change one workflow row, changed ${changed}`);
}
