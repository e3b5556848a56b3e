// Many workflows on one Krebit app in a real n8n 1.x (which asks every trigger checkExists at
// every start), against a Krebit that answers 429 with Retry-After above a few requests per
// second: a restart re-creates nothing, costs well under one request per workflow, and one act
// runs each workflow once. Sized for CI: N8N_E2E_MANY_WORKFLOWS (30) at N8N_E2E_MANY_RATE (3/s).
import assert from 'node:assert/strict';
import { it } from 'node:test';

import { pathOf } from '../../../scripts/stack/sandbox-client.mjs';
import { eventually, sleep } from '../../../scripts/stack/wait.mjs';
import { triggerWorkflow } from '../../../scripts/stack/workflows.mjs';

const COUNT = Number(process.env.N8N_E2E_MANY_WORKFLOWS ?? 30);
const RATE = Number(process.env.N8N_E2E_MANY_RATE ?? 3);

export function manyWorkflowsChecks(ctx) {
	// n8n 2.41 re-registers webhooks at start without asking the trigger (see trigger.mjs).
	const skip = ctx.version.startsWith('1.') ? false : 'n8n 1.x only: 2.41 does not call checkExists at start';
	const workflows = [];
	const paths = new Set();
	const ours = (subscription) => paths.has(pathOf(subscription.target));
	const subscriptions = () => ctx.krebit.subscriptionsTo([...paths]);
	/** The workflows, activated once (for whichever check comes first) while Krebit allows RATE requests/s. */
	let activating;
	const activateAll = () =>
		(activating ??= (async () => {
			await ctx.krebit.admin('POST', '/config', { rateLimitPerSecond: RATE });
			await ctx.krebit.admin('POST', '/reset-stats');
			for (let i = 0; i < COUNT; i++) {
				const built = triggerWorkflow(ctx.clientCredential, { events: ['act.created'], options: {} });
				const workflow = await ctx.rest.createWorkflow(`e2e: many ${i + 1}`, built.nodes, built.connections);
				await ctx.rest.activate(workflow);
				workflows.push(workflow);
				paths.add(built.path);
			}
			return await ctx.krebit.state();
		})());

	it(`${COUNT} trigger workflows activated while Krebit allows ${RATE} requests/s: one subscription each`, { skip }, async () => {
		const state = await activateAll();
		console.log(`# n8n ${ctx.version}, ${COUNT} activations at ${RATE}/s: ${state.apiRequests} Krebit requests, ${state.rateLimited} answered 429`);
		const before = await subscriptions();
		assert.equal(before.length, COUNT);
		assert.equal(new Set(before.map((s) => pathOf(s.target))).size, COUNT);
	});

	it(`a restart of n8n ${ctx.version} re-creates and deletes nothing and costs well under one request per workflow`, { skip }, async () => {
		await activateAll();
		await ctx.krebit.admin('POST', '/config', { rateLimitPerSecond: RATE });
		const before = await subscriptions();
		await ctx.n8n.stop();
		await ctx.krebit.admin('POST', '/reset-stats');
		const started = Date.now();
		const editorLines = ctx.n8n.editorReadyCount();
		await ctx.n8n.start();
		await ctx.rest.signIn();
		// n8n 1.x answers its REST API first, then activates every workflow, then says the editor is accessible.
		assert.ok(await eventually(async () => ctx.n8n.editorReadyCount() > editorLines, 300_000), 'n8n finished activating');
		const readySeconds = (Date.now() - started) / 1000;
		const state = await ctx.krebit.state();
		const after = await subscriptions();
		const made = after.filter((s) => !before.some((b) => b.id === s.id));
		const gone = before.filter((b) => !after.some((s) => s.id === b.id));
		console.log(
			`# n8n ${ctx.version} restart with ${COUNT} trigger workflows at ${RATE}/s: REST API in ${ctx.n8n.startSeconds.toFixed(1)} s, editor (all activated) in ${readySeconds.toFixed(1)} s, ` +
				`${state.apiRequests} Krebit requests (${(state.apiRequests / COUNT).toFixed(2)} per workflow), ${state.rateLimited} answered 429, ` +
				`${made.length} made, ${gone.length} deleted`,
		);
		assert.deepEqual({ made: made.length, gone: gone.length }, { made: 0, gone: 0 });
		assert.ok(state.apiRequests < COUNT / 3, `${state.apiRequests} requests for ${COUNT} workflows`);
	});

	it('one act gives one execution in each workflow', { skip }, async () => {
		await activateAll();
		const already = await Promise.all(workflows.map(async (workflow) => (await ctx.rest.executions(workflow.id)).length));
		const { deliveries } = await ctx.krebit.admin('POST', '/acts', {});
		const mine = deliveries.filter(ours);
		assert.equal(mine.length, COUNT);
		assert.deepEqual([...new Set(mine.map((d) => d.status))], [200]);
		const counts = await eventually(async () => {
			const each = await Promise.all(workflows.map(async (workflow, i) => (await ctx.rest.executions(workflow.id)).length - already[i]));
			return each.every((count) => count >= 1) ? each : undefined;
		}, 60_000);
		await sleep(1500);
		const settled = await Promise.all(workflows.map(async (workflow, i) => (await ctx.rest.executions(workflow.id)).length - already[i]));
		assert.ok(counts, 'every workflow ran');
		assert.deepEqual(settled, workflows.map(() => 1));
	});

	it('clean-up: deactivated, no subscription of them is left', { skip }, async () => {
		await activateAll();
		await ctx.krebit.admin('POST', '/config', { rateLimitPerSecond: 0 });
		for (const workflow of workflows) await ctx.rest.deactivate(workflow);
		assert.deepEqual(await eventually(async () => ((await subscriptions()).length === 0 ? [] : undefined)) ?? (await subscriptions()), []);
	});
}
