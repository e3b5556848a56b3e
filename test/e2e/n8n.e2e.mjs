// The end-to-end suite: the packed package in a real n8n (N8N_E2E_VERSION, default 2.41.1)
// against the Krebit sandbox. One n8n start per run (plus the restarts the trigger checks
// need). Started by test/e2e/run.mjs (npm run test:e2e), which installs the n8n versions.
import { after, before, describe } from 'node:test';

import { startN8n, startSandbox } from '../../scripts/stack/stack.mjs';
import { credentialChecks } from './checks/credentials.mjs';
import { instanceChecks } from './checks/instances.mjs';
import { manyWorkflowsChecks } from './checks/many-workflows.mjs';
import { n8n3Checks } from './checks/n8n3.mjs';
import { packageChecks } from './checks/package.mjs';
import { pickerChecks } from './checks/picker.mjs';
import { pollingTriggerChecks } from './checks/polling-trigger.mjs';
import { redirectChecks } from './checks/redirects.mjs';
import { resourceChecks } from './checks/resources.mjs';
import { signingChecks } from './checks/signing.mjs';
import { triggerChecks } from './checks/trigger.mjs';

const version = process.env.N8N_E2E_VERSION ?? '2.41.1';
const n8nPort = Number(process.env.N8N_E2E_PORT ?? 5690);
const sandboxPort = Number(process.env.N8N_E2E_SANDBOX_PORT ?? 18500);
const secondN8nPort = Number(process.env.N8N_E2E_SECOND_PORT ?? n8nPort + 1);

/** Shared by every check: filled in `before`. */
const ctx = { version };

describe(`n8n ${version} with n8n-nodes-krebit`, () => {
	before(async () => {
		const started = Date.now();
		ctx.sandbox = await startSandbox({ port: sandboxPort, args: ['--clients', '10000'] });
		ctx.krebit = ctx.sandbox.client;
		const { n8n, rest } = await startN8n({ version, sandbox: ctx.sandbox, port: n8nPort });
		ctx.n8n = n8n;
		ctx.rest = rest;
		ctx.clientCredential = await rest.createSandboxCredential();
		console.log(`# n8n ${version} ready in ${n8n.startSeconds.toFixed(1)} s (set-up ${((Date.now() - started) / 1000).toFixed(1)} s)`);
	});

	after(async () => {
		const memory = ctx.n8n?.memoryMb();
		if (memory) console.log(`# n8n ${version} memory: ${memory.rss.toFixed(0)} MB resident, ${memory.peak.toFixed(0)} MB peak`);
		if (process.exitCode && ctx.n8n) console.log(`# last n8n log lines:\n${ctx.n8n.tail(60)}`);
		await ctx.n8n?.stop();
		await ctx.sandbox?.stop();
		ctx.n8n?.cleanup();
	});

	packageChecks(ctx);
	credentialChecks(ctx);
	resourceChecks(ctx);
	signingChecks(ctx);
	n8n3Checks(ctx);
	pickerChecks(ctx);
	triggerChecks(ctx);
	manyWorkflowsChecks(ctx);
	instanceChecks(ctx, { secondPort: secondN8nPort });
	pollingTriggerChecks(ctx);
	redirectChecks(ctx);
});
