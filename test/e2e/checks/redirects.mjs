// Redirects away from the tenant in a real n8n: the sandbox answers a 302 (GET /me) and a 307
// (POST /signings) pointing at another local origin that records what reaches it. That origin
// must receive nothing (no token, no body), and the run must fail with the error that names it.
import assert from 'node:assert/strict';
import { it } from 'node:test';

import { startCollector } from '../../../sandbox/collector.mjs';
import { flattedParser } from '../../../scripts/stack/stack.mjs';
import { eventually } from '../../../scripts/stack/wait.mjs';
import { deployWebhookWorkflow, krebitNode } from '../../../scripts/stack/workflows.mjs';

export function redirectChecks(ctx) {
	/** Runs [Webhook → `node`] once; the execution's error as n8n recorded it, and the HTTP status. */
	const runAndReadError = async (path, node) => {
		const { workflow, call } = await deployWebhookWorkflow(ctx.rest, `e2e: ${path}`, path, [node]);
		const response = await call({});
		const parse = flattedParser(ctx.n8n.installDir);
		const [summary] = await eventually(async () => {
			const list = await ctx.rest.executions(workflow.id);
			return list.length > 0 && list.every((e) => e.status !== 'running' && e.status !== 'new') ? list : undefined;
		});
		const execution = await ctx.rest.execution(summary.id, parse);
		await ctx.rest.deactivate(workflow);
		return { status: response.status, executionStatus: summary.status, error: execution.data.resultData.error };
	};

	it('a 302 (GET /me) and a 307 (POST /signings) towards another origin: that origin receives nothing, the run fails naming it', async () => {
		const plain = await startCollector({ tls: false });
		const secure = await startCollector({ tls: true });
		try {
			await ctx.krebit.admin('DELETE', '/faults');
			await ctx.krebit.admin('POST', '/faults', { path: '/me', method: 'GET', status: 302, location: `${plain.origin}/steal?session=s3cr3t`, count: 1 });
			const me = await runAndReadError(
				'e2e-redirect-me',
				krebitNode('Current User', ctx.clientCredential, { resource: 'user', operation: 'getCurrent' }),
			);
			assert.deepEqual(plain.received, [], 'the plain-http origin received a request');
			assert.equal(me.executionStatus, 'error');
			assert.notEqual(me.status, 200);
			assert.equal(me.error?.message, `Get the current user failed: Krebit redirected it to ${plain.origin}, which is not your Krebit organization`);
			assert.ok(!JSON.stringify(me.error).includes('s3cr3t'), 'the query of the redirect target is not in the error');

			await ctx.krebit.admin('POST', '/faults', { path: '/signings', method: 'POST', status: 307, location: `${secure.origin}/steal`, count: 1 });
			const draft = await runAndReadError(
				'e2e-redirect-signing',
				krebitNode('Draft', ctx.clientCredential, { resource: 'signing', operation: 'create', name: 'Redirected draft' }),
			);
			assert.deepEqual(secure.received, [], 'the HTTPS origin received a request');
			assert.equal(draft.executionStatus, 'error');
			assert.equal(draft.error?.message, `Create a draft signing failed: Krebit redirected it to ${secure.origin}, which is not your Krebit organization`);
			const drafts = (await ctx.krebit.api('/signings?limit=50&page=1')).data;
			assert.ok(!drafts.some((signing) => signing.name === 'Redirected draft'), 'no draft was made anywhere');
		} finally {
			await ctx.krebit.admin('DELETE', '/faults');
			await plain.close();
			await secure.close();
		}
	});
}
