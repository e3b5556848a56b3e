// The editor's "Execute workflow" on a Krebit Return All, through the same REST call the editor
// makes. In queue mode with OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS=true (the only behaviour n8n
// 3.0 keeps) the worker must run it; without it the main does.
import assert from 'node:assert/strict';
import { it } from 'node:test';

import { flattedParser } from '../../../scripts/stack/stack.mjs';
import { eventually } from '../../../scripts/stack/wait.mjs';
import { MANUAL_TRIGGER, chain, krebitNode, manualTriggerNode } from '../../../scripts/stack/workflows.mjs';


export function manualRunChecks(ctx) {
	it('a manual run of Client > Get Many, Return All gives every client, on the worker when manual executions are offloaded', async () => {
		const offloaded = ctx.main.environment().OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS === 'true';
		const expected = await ctx.krebit.all('/clients');
		const { nodes, connections } = chain([
			manualTriggerNode(),
			krebitNode('Clients', ctx.clientCredential, { resource: 'client', operation: 'getAll', returnAll: true, simplify: false }),
		]);
		const workflow = await ctx.rest.createWorkflow('queue: manual Return All', nodes, connections);
		const started = await ctx.rest.call('POST', `/rest/workflows/${workflow.id}/run`, { triggerToStartFrom: { name: MANUAL_TRIGGER } });
		assert.ok(started.executionId, `n8n started no execution: ${JSON.stringify(started)}`);

		const parse = flattedParser(ctx.main.installDir);
		const execution = await eventually(async () => {
			const current = await ctx.rest.execution(started.executionId, parse);
			return current.finished || ['success', 'error', 'crashed'].includes(current.status) ? current : undefined;
		}, 120_000);
		assert.ok(execution, `execution ${started.executionId} did not finish in 2 minutes`);
		assert.equal(execution.mode, 'manual');
		assert.equal(execution.status, 'success', JSON.stringify(execution.data?.resultData?.error ?? {}).slice(0, 400));
		const items = execution.data.resultData.runData.Clients[0].data.main[0].map((item) => item.json);
		assert.equal(items.length, expected.length);
		assert.deepEqual(items, expected);

		const onWorker = new RegExp(`Worker started execution ${started.executionId} `).test(ctx.worker.log());
		assert.equal(onWorker, offloaded, offloaded ? 'the worker did not run the manual execution' : 'the worker ran a manual execution that n8n should keep on the main');
	});
}
