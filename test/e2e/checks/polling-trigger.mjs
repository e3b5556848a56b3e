// The Krebit Polling Trigger in a real n8n: a short poll time, acts made in the sandbox between
// polls, and a restart in between: every act comes out once, none is missed or repeated.
import assert from 'node:assert/strict';
import { it } from 'node:test';

import { flattedParser } from '../../../scripts/stack/stack.mjs';
import { eventually, sleep } from '../../../scripts/stack/wait.mjs';
import { KREBIT_POLLING_TRIGGER, triggerWorkflow } from '../../../scripts/stack/workflows.mjs';

// n8n refuses poll times under a minute.
const EVERY_MINUTE = { item: [{ mode: 'everyMinute' }] };

export function pollingTriggerChecks(ctx) {
	let workflow;
	/** Every act uuid the trigger emitted, execution after execution. */
	const emitted = async () => {
		const parse = flattedParser(ctx.n8n.installDir);
		const uuids = [];
		const summaries = (await ctx.rest.executions(workflow.id)).sort((a, b) => Number(a.id) - Number(b.id));
		for (const summary of summaries) {
			const execution = await ctx.rest.execution(summary.id, parse);
			for (const item of execution.data.resultData.runData['Krebit Trigger']?.[0]?.data?.main?.[0] ?? []) {
				assert.equal(item.json.event, 'act.created');
				uuids.push(item.json.uuid);
			}
		}
		return uuids;
	};
	const newActs = async (count) => {
		const made = [];
		for (let i = 0; i < count; i++) made.push((await ctx.krebit.admin('POST', '/acts', {})).act.uuid);
		return made;
	};
	/** Waits (up to a poll and a half) until `expected.length` acts came out; then they must be exactly these, in order. */
	const expectEmitted = async (expected, { thenWaitAPoll = false } = {}) => {
		await eventually(async () => (await emitted()).length >= expected.length, 95_000);
		if (thenWaitAPoll) await sleep(65_000); // one more poll: nothing may come twice
		// In order of the executions, and within each oldest first.
		assert.deepEqual(await emitted(), expected);
	};

	it('Polling Trigger: the first poll emits nothing; acts made between polls come out once each, oldest first', async () => {
		const built = triggerWorkflow(ctx.clientCredential, { event: 'newAct', pollTimes: EVERY_MINUTE }, { type: KREBIT_POLLING_TRIGGER });
		workflow = await ctx.rest.createWorkflow('e2e: Krebit Polling Trigger', built.nodes, built.connections);
		// n8n polls once at activation: that first poll only notes where "now" is, in static data.
		await ctx.rest.activate(workflow);
		const noted = await eventually(async () => {
			const { staticData } = await ctx.rest.getWorkflow(workflow.id);
			return staticData && Object.keys(staticData).some((key) => key.startsWith('node:')) ? staticData : undefined;
		});
		assert.ok(noted, 'the first poll stored its cursor');
		assert.deepEqual(await emitted(), [], 'no flood of old acts');
		const made = await newActs(3);
		await expectEmitted(made);
		ctx.pollingEmitted = made;
	});

	it('Polling Trigger: acts made while n8n is down come out once after the restart, nothing repeated', async () => {
		await ctx.n8n.stop();
		const made = await newActs(2);
		await ctx.n8n.start();
		await ctx.rest.signIn();
		await expectEmitted([...ctx.pollingEmitted, ...made], { thenWaitAPoll: true });
		await ctx.rest.deactivate(workflow);
	});
}
