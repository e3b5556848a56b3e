// What the package does in n8n's queue mode, measured: subscriptions, executions on the worker,
// refresh on the worker, duplicates across webhook processors, and recovery from a wiped state.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { it } from 'node:test';

import { deliveryBody, postDelivery } from '../../../scripts/stack/deliveries.mjs';
import { pathOf } from '../../../scripts/stack/sandbox-client.mjs';
import { flattedParser } from '../../../scripts/stack/stack.mjs';
import { eventually, sleep } from '../../../scripts/stack/wait.mjs';
import { codeNode, deployWebhookWorkflow, krebitNode, node, noOpNode, triggerWorkflow, webhookPath } from '../../../scripts/stack/workflows.mjs';

const removeDuplicates = node('Remove Duplicates', 'n8n-nodes-base.removeDuplicates', 2, {
	operation: 'removeItemsSeenInPreviousExecutions',
	logic: 'removeItemsWithAlreadySeenKeyValues',
	dedupeValue: '={{ $json.delivery_id }}',
	options: {},
});
const downstream = noOpNode('Downstream');

export function queueChecks(ctx) {
	const subscriptionsOf = (webhookId) => ctx.krebit.subscriptionsTo(webhookPath(webhookId));
	const parse = () => flattedParser(ctx.main.installDir);
	/** Every execution of the workflow with its run data, once `count` are finished. */
	const finishedExecutions = async (workflowId, count) => {
		await eventually(async () => (await ctx.rest.executions(workflowId)).filter((e) => e.status !== 'running' && e.status !== 'new').length >= count, 60_000);
		return await ctx.rest.executions(workflowId);
	};
	/** Waits for at least `count` executions, none running, and no new one for 5 s. */
	const settledExecutions = async (workflowId, count) => {
		let seen = -1;
		let since = Date.now();
		await eventually(async () => {
			const list = await ctx.rest.executions(workflowId);
			const busy = list.some((e) => e.status === 'running' || e.status === 'new');
			if (list.length !== seen || busy) [seen, since] = [list.length, Date.now()];
			return list.length >= count && Date.now() - since >= 5000;
		}, 180_000);
		return await ctx.rest.executions(workflowId);
	};
	/** Whether the main has saved the secret of every subscription in `live` (the webhook processors read only that). */
	const savedSecretsOf = (workflow, live) => {
		const saved = JSON.parse(ctx.postgres.sql(`SELECT "staticData" FROM workflow_entity WHERE id = '${workflow.id}'`) || '{}');
		const ids = new Set((saved?.['node:Krebit Trigger']?.subscriptions ?? []).filter((s) => s.secret).map((s) => String(s.id)));
		return live.every((s) => ids.has(String(s.id)));
	};
	/** Activates through the main; done once Krebit holds one subscription per event and the main has saved their secrets. */
	const activateTrigger = async (name, parameters, after) => {
		const built = triggerWorkflow(ctx.clientCredential, parameters, { after });
		const workflow = await ctx.rest.createWorkflow(name, built.nodes, built.connections);
		await ctx.rest.activate(workflow);
		const live = await eventually(async () => {
			const list = await subscriptionsOf(built.webhookId);
			return list.length === parameters.events.length && savedSecretsOf(workflow, list) ? list : undefined;
		});
		return { workflow, webhookId: built.webhookId, live: live ?? (await subscriptionsOf(built.webhookId)) };
	};
	/** Deactivates through the main; resolves `[]` once Krebit holds none of the workflow's subscriptions. */
	const deactivate = async (flow) => {
		await ctx.rest.deactivate(flow.workflow);
		return await eventually(async () => ((await subscriptionsOf(flow.webhookId)).length === 0 ? [] : undefined));
	};

	it('activation through the main makes one subscription per event on the webhook processors\' URL', async () => {
		const flow = await activateTrigger('queue: Krebit Trigger', { events: ['act.created', 'signing.sent'], options: {} });
		assert.deepEqual(
			flow.live.map((s) => `${s.event} ${new URL(s.target).origin}${pathOf(s.target)}`).sort(),
			['act.created', 'signing.sent'].map((e) => `${e} ${ctx.webhookBase}${webhookPath(flow.webhookId)}`).sort(),
		);
		await deactivate(flow);
	});

	it('a sandbox act delivered to either webhook processor runs once, on the worker', async () => {
		const main = await activateTrigger('queue: acts on the worker', { events: ['act.created'], options: {} });
		const before = [...ctx.balancer.served];
		const acts = [];
		for (let i = 0; i < 2; i++) acts.push(await ctx.krebit.admin('POST', '/acts', {}));
		const mine = (deliveries) => deliveries.filter((d) => pathOf(d.target) === webhookPath(main.webhookId));
		assert.deepEqual(acts.map((a) => mine(a.deliveries).map((d) => d.status)), [[200], [200]]);
		assert.ok(ctx.balancer.served.every((count, i) => count > before[i]), `both processors took a delivery: ${ctx.balancer.served}`);
		const executions = await finishedExecutions(main.workflow.id, 2);
		await deactivate(main);
		assert.equal(executions.length, 2);
		assert.ok(/Worker started execution|Worker finished execution|execution.*started/i.test(ctx.worker.log()), 'the worker ran them');
	});

	it('the worker refreshes rotating tokens: 10 parallel items after an expiry, 0 invalid_grant', async () => {
		const credential = await ctx.rest.createSandboxCredential('Krebit (authorization code)', { grantType: 'authorizationCode' });
		assert.equal((await ctx.rest.connectOAuth(credential.id, ctx.krebit)).status, 200);
		// The production webhook is served by the processors, behind the balancer.
		const { call } = await deployWebhookWorkflow(
			ctx.rest,
			'queue: ten items',
			'queue-me-ten',
			[
				codeNode('Ten items', 'return Array.from({ length: 10 }, (_, i) => ({ json: { i } }));'),
				krebitNode('Me', credential, { resource: 'user', operation: 'getCurrent' }),
			],
			{ base: ctx.webhookBase },
		);
		for (let run = 0; run < 3; run++) {
			await ctx.krebit.admin('POST', '/expire-tokens');
			const { status, body } = await call();
			assert.equal(status, 200, JSON.stringify(body).slice(0, 300));
			assert.equal(body.length, 10);
		}
		const refreshes = (await ctx.krebit.state()).tokenRequests.filter((r) => r.grant === 'refresh_token');
		console.log(`# refreshes on the worker: ${refreshes.length}, refused: ${refreshes.filter((r) => r.result !== 'ok').length}`);
		assert.ok(refreshes.length >= 3);
		assert.equal(refreshes.filter((r) => r.result !== 'ok').length, 0);
	});

	it('deliveries handled once: 20 sent to both processors at the same instant, then re-sent to the other one', async () => {
		const flow = await activateTrigger('queue: dedupe', { events: ['act.created'], options: {} }, [removeDuplicates, downstream]);
		const [subscription] = flow.live;
		const send = (port, body) => postDelivery(`http://127.0.0.1:${port}${pathOf(subscription.target)}`, body, subscription.secret);
		const ids = Array.from({ length: 20 }, () => randomUUID());
		const bodies = ids.map((id, i) => deliveryBody({ id, data: { uuid: randomUUID(), client_id: i + 1 } }));
		const first = await Promise.all(bodies.map((body) => Promise.all([send(ctx.webhookA.port, body), send(ctx.webhookB.port, body)])));
		await sleep(3000);
		const resent = await Promise.all(bodies.map((body, i) => send(i % 2 ? ctx.webhookA.port : ctx.webhookB.port, body)));
		const accepted = first.flat().filter((s) => s === 200).length;
		// Count only once every execution has finished: on a busy machine the last ones finish
		// seconds later, and one not yet finished would look like a lost delivery.
		const executions = await settledExecutions(flow.workflow.id, 20);
		const ran = new Map(ids.map((id) => [id, 0]));
		for (const summary of await ctx.rest.executions(flow.workflow.id)) {
			const run = (await ctx.rest.execution(summary.id, parse())).data.resultData.runData;
			for (const item of run.Downstream?.[0]?.data?.main?.[0] ?? []) ran.set(item.json.delivery_id, (ran.get(item.json.delivery_id) ?? 0) + 1);
		}
		const twice = [...ran.values()].filter((n) => n > 1).length;
		const never = [...ran.values()].filter((n) => n === 0).length;
		console.log(`# dedupe: ${first.flat().length} simultaneous posts answered ${accepted}x 200; ${executions.length} executions; re-sends answered ${resent.join(',')}; ids run downstream twice: ${twice}, never: ${never}`);
		await deactivate(flow);
		assert.equal(never, 0, 'no delivery was lost');
		ctx.dedupe = { twice, never, executions: executions.length };
	});

	it('a worker that wipes the static data: one delivery lost, then the trigger repairs itself', async () => {
		const writer = codeNode('Write static data', "const data = $getWorkflowStaticData('global'); if (!data.seen) data.seen = true; return $input.all();");
		const flow = await activateTrigger('queue: static data writer', { events: ['act.created'], options: {} }, [writer]);
		/** A sandbox act; the statuses of its delivery to this workflow's trigger. */
		const clientOf = async () => {
			const { deliveries } = await ctx.krebit.admin('POST', '/acts', {});
			return { deliveries: deliveries.filter((d) => pathOf(d.target) === webhookPath(flow.webhookId)) };
		};
		const first = await clientOf();
		assert.deepEqual(first.deliveries.map((d) => d.status), [200]);
		await finishedExecutions(flow.workflow.id, 1);
		await sleep(2000);
		const stored = ctx.postgres.sql(`SELECT "staticData" FROM workflow_entity WHERE id = '${flow.workflow.id}'`);
		console.log(`# static data after the worker's save: ${stored.replace(/"secret":"[^"]+"/g, '"secret":"***"').slice(0, 200)}`);
		// The next act: a 401 starts the repair, which runs after the answer is sent; Krebit's next
		// delivery comes once fresh subscriptions exist and their secrets are saved.
		const before = (await subscriptionsOf(flow.webhookId)).map((s) => s.id);
		const statuses = (await clientOf()).deliveries.map((d) => d.status);
		if (statuses[0] !== 200) {
			const [fresh] = await eventually(async () => {
				const now = await subscriptionsOf(flow.webhookId);
				return now.length === 1 && !before.includes(now[0].id) ? now : undefined;
			});
			// The repair has landed once n8n has saved the new secret, not when Krebit lists it: on
			// a busy machine the save can come seconds later.
			await eventually(() => ctx.postgres.sql(`SELECT "staticData" FROM workflow_entity WHERE id = '${flow.workflow.id}'`).match(new RegExp(`"id":\\s*"${fresh?.id}"`)), 60_000);
			statuses.push(...(await clientOf()).deliveries.map((d) => d.status));
		}
		const lost = statuses.filter((s) => s !== 200).length;
		const executions = await finishedExecutions(flow.workflow.id, 2);
		console.log(`# wiped state: the next acts were answered ${statuses.join(', ')}; lost before the repair: ${lost}; executions: ${executions.length}`);
		assert.equal(statuses.at(-1), 200, 'the trigger repaired itself');
		assert.ok(lost <= 1, `at most the delivery in hand is lost (${lost})`);
		const live = await subscriptionsOf(flow.webhookId);
		assert.equal(live.length, 1, 'exactly one subscription after the repair');
		ctx.wiped = { statuses, lost };
		assert.deepEqual(await deactivate(flow), []);
	});

	it('both webhook processors refuse a delivery at once with the secrets lost: one subscription per event, the next 20 acts run 20 executions', async () => {
		const events = ['act.created', 'signing.sent', 'signing.cancelled'];
		const flow = await activateTrigger('queue: concurrent repair', { events, options: {} });
		const before = flow.live.map((s) => s.id);
		const oldSecret = flow.live.find((s) => s.event === 'act.created').secret;
		// What a worker leaves when it saves over the trigger's state (see the check above).
		ctx.postgres.sql(`UPDATE workflow_entity SET "staticData" = '{"global":{"seen":true}}' WHERE id = '${flow.workflow.id}'`);
		const path = webhookPath(flow.webhookId);
		const send = (port, body) => postDelivery(`http://127.0.0.1:${port}${path}`, body, oldSecret);
		const bodyOf = () => deliveryBody({ data: { uuid: randomUUID() } });
		const refused = await Promise.all([send(ctx.webhookA.port, bodyOf()), send(ctx.webhookB.port, bodyOf())]);
		assert.deepEqual(refused, [401, 401]);

		// Both repairs run after their answers: watch Krebit's list until it has not changed for 5 s.
		let seen = '';
		let most = 0;
		let stableSince = Date.now();
		const started = Date.now();
		while (Date.now() - stableSince < 5000 && Date.now() - started < 60_000) {
			const list = await subscriptionsOf(flow.webhookId);
			most = Math.max(most, list.length);
			const now = list.map((s) => s.id).sort().join();
			if (now !== seen) [seen, stableSince] = [now, Date.now()];
			await sleep(250);
		}
		const live = await subscriptionsOf(flow.webhookId);
		const saved = JSON.parse(ctx.postgres.sql(`SELECT "staticData" FROM workflow_entity WHERE id = '${flow.workflow.id}'`) || '{}');
		const savedIds = (saved['node:Krebit Trigger']?.subscriptions ?? []).map((s) => String(s.id)).sort();
		const repairLines = [ctx.webhookA, ctx.webhookB].map((p) => (p.log().match(/Krebit Trigger "Krebit Trigger" had no stored webhook secrets[^\n]*/g) ?? []).map((l) => l.slice(0, 160)));
		console.log(`# concurrent repair: at most ${most} subscriptions at Krebit during it, ${live.length} after (${live.map((s) => s.event).sort().join(', ')}); saved ids ${savedIds.join(',')}`);
		for (const [n, lines] of repairLines.entries()) console.log(`# webhook processor ${n + 1}: ${lines.join(' | ') || '(no repair line)'}`);
		assert.deepEqual(live.map((s) => s.event).sort(), [...events].sort(), 'one subscription per event');
		assert.ok(live.every((s) => !before.includes(s.id)), 'all of them new');
		assert.deepEqual(savedIds, live.map((s) => String(s.id)).sort(), 'n8n saved the secrets of exactly those');

		const statuses = [];
		for (let n = 0; n < 20; n++) {
			const { deliveries } = await ctx.krebit.admin('POST', '/acts', {});
			statuses.push(...deliveries.filter((d) => pathOf(d.target) === path).map((d) => d.status));
		}
		const executions = await finishedExecutions(flow.workflow.id, 20);
		await sleep(3000);
		const total = (await ctx.rest.executions(flow.workflow.id)).length;
		console.log(`# after the concurrent repair: 20 acts answered ${statuses.filter((s) => s === 200).length}x 200 of ${statuses.length}; executions: ${total}`);
		assert.deepEqual(statuses, Array(20).fill(200));
		assert.equal(executions.length, 20);
		assert.equal(total, 20);
		ctx.concurrentRepair = { most, after: live.length, executions: total };
		assert.deepEqual(await deactivate(flow), []);
	});

	it('deactivation through the main leaves no subscription at Krebit', async () => {
		const flow = await activateTrigger('queue: deactivation', { events: ['act.created', 'signing.sent'], options: {} });
		assert.equal(flow.live.length, 2);
		assert.deepEqual(await deactivate(flow), []);
	});
}
