// PostgreSQL and Redis from Debian's packages for the queue-mode suite: installed with apt-get
// when missing, started on loopback in a temporary folder as their own system users, and
// stopped by PID.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { sleep } from './wait.mjs';

function postgresBin() {
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return undefined;
	const [version] = readdirSync(root).sort((a, b) => Number(b) - Number(a));
	const bin = join(root, version, 'bin');
	return existsSync(join(bin, 'pg_ctl')) ? bin : undefined;
}

/** apt-get installs postgresql and redis-server when either is missing (root only). */
export function ensureServicePackages() {
	if (postgresBin() && existsSync('/usr/bin/redis-server')) return;
	console.log('== installing postgresql and redis-server with apt-get');
	execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
	execFileSync('apt-get', ['install', '-y', '-qq', 'postgresql', 'redis-server'], {
		stdio: 'inherit',
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
	});
}

const asUser = (user, command, args, options = {}) => execFileSync('runuser', ['-u', user, '--', command, ...args], { encoding: 'utf8', ...options });

/** A PostgreSQL cluster of its own in a temporary folder, owned by the postgres user. */
export async function startPostgres({ port }) {
	const bin = postgresBin();
	const dir = mkdtempSync(join(tmpdir(), 'krebit-pg-'));
	chmodSync(dir, 0o777);
	const data = join(dir, 'data');
	execFileSync('chown', ['postgres:postgres', dir]);
	asUser('postgres', join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8'], { stdio: 'ignore' });
	asUser('postgres', join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'postgres.log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200`, 'start'], { stdio: 'ignore' });
	const pid = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
	asUser('postgres', join(bin, 'psql'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-c', 'CREATE DATABASE n8n'], { stdio: 'ignore' });
	return {
		pid,
		port,
		env: {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(port),
			DB_POSTGRESDB_DATABASE: 'n8n',
			DB_POSTGRESDB_USER: 'postgres',
			DB_POSTGRESDB_PASSWORD: '',
		},
		/** Runs SQL as the postgres user and returns psql's unaligned output. */
		sql(statement) {
			return asUser('postgres', join(bin, 'psql'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'n8n', '-At', '-c', statement]).trim();
		},
		async stop() {
			try {
				process.kill(pid, 'SIGTERM');
			} catch {
				return;
			}
			for (let i = 0; i < 100 && isAlive(pid); i++) await sleep(100);
			rmSync(dir, { recursive: true, force: true });
		},
	};
}

function isAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/** A Redis on loopback with no persistence, run as the redis user. */
export async function startRedis({ port }) {
	const child = spawn('runuser', ['-u', 'redis', '--', '/usr/bin/redis-server', '--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'], {
		stdio: 'ignore',
	});
	const exited = new Promise((done) => child.once('exit', done));
	for (let i = 0; i < 100; i++) {
		try {
			if (execFileSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).trim() === 'PONG') break;
		} catch {
			// not yet
		}
		await sleep(100);
	}
	return {
		pid: child.pid,
		port,
		env: { QUEUE_BULL_REDIS_HOST: '127.0.0.1', QUEUE_BULL_REDIS_PORT: String(port) },
		async stop() {
			if (child.exitCode !== null) return;
			child.kill('SIGTERM');
			await exited;
		},
	};
}
