// The Krebit Polling Trigger in a real n8n: a short poll time, acts made in the sandbox between
// polls, and a restart in between: every act comes out once, none is missed or repeated.
import assert from 'node:assert/strict';
import { it } from 'node:test';

import { eventually } from '../lib/rest.mjs';
import { flattedParser } from '../lib/stack.mjs';
import { KREBIT_POLLING_TRIGGER, triggerWorkflow } from '../lib/workflows.mjs';

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
const EVERY_FIVE_SECONDS = { item: [{ mode: 'custom', cronExpression: '*/5 * * * * *' }] };

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
				assert.equal(item.json.event, 'newAct');
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
	const expectEmitted = async (expected) => {
		const seen = await eventually(async () => {
			const uuids = await emitted();
			return uuids.length >= expected.length ? uuids : undefined;
		}, 40_000);
		await sleep(6000); // one more poll: nothing may come twice
		const uuids = await emitted();
		// In order of the executions, and within each oldest first: exactly the acts made, in order.
		assert.deepEqual(uuids, expected, `emitted ${seen?.length ?? 0} then ${uuids.length}`);
	};

	it('Polling Trigger: the first poll emits nothing; acts made between polls come out once each, oldest first', async () => {
		const built = triggerWorkflow(ctx.clientCredential, { event: 'newAct', pollTimes: EVERY_FIVE_SECONDS }, { type: KREBIT_POLLING_TRIGGER });
		workflow = await ctx.rest.createWorkflow('e2e: Krebit Polling Trigger', built.nodes, built.connections);
		await ctx.rest.activate(workflow);
		await sleep(7000);
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
		await expectEmitted([...ctx.pollingEmitted, ...made]);
		await ctx.rest.deactivate(workflow);
	});
}
