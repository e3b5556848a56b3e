// Two n8n installations (own user folders, own encryption keys) running the same imported
// Krebit Trigger workflow against one sandbox tenant: each keeps its own subscriptions.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, it } from 'node:test';

import { pathOf } from '../../../scripts/stack/sandbox-client.mjs';
import { startN8n } from '../../../scripts/stack/stack.mjs';
import { eventually } from '../../../scripts/stack/wait.mjs';
import { triggerWorkflow, webhookPath } from '../../../scripts/stack/workflows.mjs';

const EVENTS = ['act.created', 'signing.sent'];

export function instanceChecks(ctx, { secondPort }) {
	const webhookId = randomUUID();
	const path = webhookPath(webhookId);
	const second = {};
	const mine = () => ctx.krebit.subscriptionsTo(path);
	const markOf = (subscription) => new URL(subscription.target).searchParams.get('n8n_instance') ?? '';
	const byMark = (list) => {
		const groups = {};
		for (const subscription of list) (groups[markOf(subscription)] ??= []).push(subscription);
		return groups;
	};
	const executions = async (rest, workflow) => (await rest.executions(workflow.id)).length;

	after(async () => {
		await second.n8n?.stop();
		second.n8n?.cleanup();
	});

	it('two n8n instances with the same imported workflow: each holds one subscription per event; deactivating one leaves the other\'s', async () => {
		Object.assign(second, await startN8n({ version: ctx.version, sandbox: ctx.sandbox, port: secondPort }));
		const credentialOf = async (rest) =>
			await rest.createSandboxCredential();
		// One export, imported into both: the same node ids and webhook id.
		const exported = triggerWorkflow(ctx.clientCredential, { events: EVENTS, options: {} }, { webhookId });
		const imported = structuredClone(exported);
		const secondCredential = await credentialOf(second.rest);
		imported.nodes[0].credentials = { krebitOAuth2Api: { id: secondCredential.id, name: secondCredential.name } };
		const first = await ctx.rest.createWorkflow('e2e: imported trigger', exported.nodes, exported.connections);
		const copy = await second.rest.createWorkflow('e2e: imported trigger', imported.nodes, imported.connections);

		await ctx.rest.activate(first);
		await eventually(async () => (await mine()).length === EVENTS.length);
		await second.rest.activate(copy);
		const live = await eventually(async () => {
			const list = await mine();
			return list.length === 2 * EVENTS.length ? list : undefined;
		});
		assert.ok(live, `both hold their subscriptions: ${(await mine()).length} at Krebit`);
		const marks = byMark(live);
		assert.equal(Object.keys(marks).length, 2, 'two n8n instance marks');
		for (const list of Object.values(marks)) assert.deepEqual(list.map((s) => s.event).sort(), [...EVENTS].sort());
		const origins = Object.values(marks).map((list) => new Set(list.map((s) => new URL(s.target).origin)));
		assert.deepEqual(origins.map((set) => set.size), [1, 1]);

		const { deliveries } = await ctx.krebit.admin('POST', '/acts', {});
		assert.deepEqual(deliveries.filter((d) => pathOf(d.target) === path).map((d) => d.status), [200, 200]);
		await eventually(async () => (await executions(ctx.rest, first)) === 1 && (await executions(second.rest, copy)) === 1, 20_000);
		assert.equal(await executions(ctx.rest, first), 1);
		assert.equal(await executions(second.rest, copy), 1);

		await ctx.rest.deactivate(first);
		const left = await eventually(async () => {
			const list = await mine();
			return list.length === EVENTS.length ? list : undefined;
		});
		const secondMark = markOf(live.find((s) => new URL(s.target).port === String(secondPort)));
		assert.ok(left, `the second n8n's subscriptions are left: ${(await mine()).length} at Krebit`);
		assert.ok(left.every((s) => markOf(s) === secondMark), 'only the second n8n\'s are left');
		const after = await ctx.krebit.admin('POST', '/acts', {});
		assert.deepEqual(after.deliveries.filter((d) => pathOf(d.target) === path).map((d) => d.status), [200]);
		await eventually(async () => (await executions(second.rest, copy)) === 2, 20_000);
		assert.equal(await executions(second.rest, copy), 2);
		assert.equal(await executions(ctx.rest, first), 1);
		console.log(`# two n8n instances, one tenant: ${live.length} subscriptions for ${EVENTS.length} events; after deactivating one: ${left.length}`);

		await second.rest.deactivate(copy);
		assert.deepEqual(await eventually(async () => ((await mine()).length === 0 ? [] : undefined)) ?? (await mine()), []);
	});
}
