// Queue mode: PostgreSQL, Redis, one main (editor, activation), one worker (executions) and two
// webhook processors behind a small load balancer, all n8n 2.41.1 with the package installed,
// and the Krebit sandbox. Started by test/e2e/run.mjs (npm run test:e2e:queue).
import { after, before, describe } from 'node:test';

import { startBalancer } from '../../scripts/stack/balancer.mjs';
import { N8N_VERSIONS, N8nProcess, installN8n, installPackage, packPackage } from '../../scripts/stack/n8n-process.mjs';
import { N8nRest } from '../../scripts/stack/rest.mjs';
import { ensureServicePackages, startPostgres, startRedis } from '../../scripts/stack/services.mjs';
import { startSandbox } from '../../scripts/stack/stack.mjs';
import { manualRunChecks } from './checks/manual-run.mjs';
import { queueChecks } from './checks/queue.mjs';

const VERSION = N8N_VERSIONS['2.41'];
const PORTS = { main: 5720, webhookA: 5721, webhookB: 5722, worker: 5723, balancer: 5725, postgres: 15432, redis: 16379, sandbox: 18520 };
const ctx = { version: VERSION, processes: [] };

describe(`n8n ${VERSION} in queue mode with n8n-nodes-krebit`, () => {
	before(async () => {
		ensureServicePackages();
		const installDir = installN8n(VERSION);
		const tarball = packPackage();
		ctx.postgres = await startPostgres({ port: PORTS.postgres });
		ctx.redis = await startRedis({ port: PORTS.redis });
		ctx.sandbox = await startSandbox({ port: PORTS.sandbox, args: ['--clients', '500'] });
		ctx.krebit = ctx.sandbox.client;
		ctx.balancer = await startBalancer({ port: PORTS.balancer, backends: [PORTS.webhookA, PORTS.webhookB] });
		ctx.webhookBase = `http://127.0.0.1:${PORTS.balancer}`;

		const shared = {
			...ctx.postgres.env,
			...ctx.redis.env,
			EXECUTIONS_MODE: 'queue',
			N8N_ENCRYPTION_KEY: 'krebit-queue-e2e-encryption-key',
			WEBHOOK_URL: `${ctx.webhookBase}/`,
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			N8N_LOG_LEVEL: 'info',
		};
		const make = (command, port, env = {}) =>
			new N8nProcess({ version: VERSION, installDir, userFolder: ctx.main?.userFolder, port, sandbox: ctx.sandbox, command, env: { ...shared, ...env } });
		ctx.main = make('start', PORTS.main, { N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true', N8N_EDITOR_BASE_URL: `http://127.0.0.1:${PORTS.main}/` });
		installPackage(ctx.main.userFolder, tarball, installDir);
		ctx.processes.push(ctx.main);
		await ctx.main.start();
		ctx.worker = make('worker', PORTS.worker, { QUEUE_HEALTH_CHECK_PORT: String(PORTS.worker) });
		ctx.webhookA = make('webhook', PORTS.webhookA);
		ctx.webhookB = make('webhook', PORTS.webhookB);
		ctx.processes.push(ctx.worker, ctx.webhookA, ctx.webhookB);
		await Promise.all([ctx.worker.start(), ctx.webhookA.start(), ctx.webhookB.start()]);
		for (const process of ctx.processes) {
			console.log(`# ${process.label} on port ${process.port}: ready in ${process.startSeconds.toFixed(1)} s, ${process.memoryMb()?.rss.toFixed(0)} MB resident`);
		}

		ctx.rest = new N8nRest(ctx.main);
		await ctx.rest.signIn();
		ctx.clientCredential = await ctx.rest.createSandboxCredential();
	});

	after(async () => {
		for (const process of ctx.processes) {
			const memory = process.memoryMb();
			if (memory) console.log(`# ${process.label}: ${memory.rss.toFixed(0)} MB resident, ${memory.peak.toFixed(0)} MB peak`);
		}
		if (process.exitCode) for (const p of ctx.processes) console.log(`# last lines of ${p.label}:\n${p.tail(30)}`);
		await Promise.all(ctx.processes.map((p) => p.stop()));
		await ctx.balancer?.stop();
		await ctx.sandbox?.stop();
		await ctx.redis?.stop();
		await ctx.postgres?.stop();
		ctx.main?.cleanup();
	});

	queueChecks(ctx);
	manualRunChecks(ctx);
});
