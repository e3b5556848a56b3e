import { afterTurns, FakeWebhooks, type FakeSubscription } from '../../harness/fake-webhooks';
import { SavedStaticData } from '../../harness/n8n-instance';
import { deliverActs, delivery, isProduction, processesOf, savedSubscriptions, seeded, signed, THREE_EVENTS, type Stored } from './helpers';

// Found in real n8n 1.123: after a restart with the static data lost, n8n activates the workflow
// (checkExists, then create) while Krebit's first delivery is refused and starts a repair, both in
// the same process. Left to race, the two sets mixed and Krebit kept a copy nobody could verify.

jest.setTimeout(120_000);

/** A workflow activated once, then its static data lost, and n8n started again. */
async function restartedWithLostState(seed: number) {
	const random = seeded(seed);
	const krebit = new FakeWebhooks({ turns: () => Math.floor(random() * 8) });
	const database = new SavedStaticData();
	// The n8n process before the restart, and the one after it (a memory of its own).
	const [before, process] = processesOf(2, { database });
	await before.hook('create');
	const oldSecret = krebit.subscriptions.find((s) => s.event === 'act.created')!.secret;
	database.wipe();
	return { krebit, database, process, oldSecret };
}

describe('n8n activates the trigger while a refused delivery repairs it, in one process', () => {
	test.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])(
		'order %i: one subscription per event, all verifiable with the saved secrets, 12 acts run 12 times',
		async (seed) => {
			const { krebit, database, process, oldSecret } = await restartedWithLostState(seed);
			// Which starts first, and by how much, changes with the order too.
			const activation = (async () => {
				await afterTurns(seed % 5);
				if (!(await process.hook('checkExists', { activation: 'init' }))) await process.hook('create', { activation: 'init' });
			})();
			const body = delivery('during-activation');
			const refused = (async () => {
				await afterTurns((seed * 3) % 7);
				return await process.deliver(body, signed(oldSecret, body));
			})();
			const [, answer] = await Promise.all([activation, refused]);

			expect(answer.status).toBe(401);
			const live = krebit.subscriptions.filter((s) => isProduction(s.target));
			expect(live.map((s) => s.event).sort()).toEqual([...THREE_EVENTS].sort());
			expect(savedSubscriptions(database).map((s) => [s.id, s.secret]).sort()).toEqual(live.map((s) => [String(s.id), s.secret]).sort());
			expect(await deliverActs(krebit, [process], 12)).toEqual({ started: 12, refused: 0 });
		},
	);

	test('a refused delivery just after the activation made a set keeps that set: nothing is made or deleted', async () => {
		const { krebit, database, process, oldSecret } = await restartedWithLostState(0);
		// The request loaded the workflow before the activation saved its static data.
		const loadedBefore = database.load();
		await process.hook('create', { activation: 'init' });
		const activated = krebit.subscriptions.map((s) => s.id);
		const saved = database.load();
		database.saveIfChanged(Object.assign(loadedBefore, { __dataChanged: true }));
		krebit.calls.length = 0;

		const body = delivery('stale-request');
		expect((await process.deliver(body, signed(oldSecret, body))).status).toBe(401);

		expect(krebit.calls.filter((c) => !c.startsWith('GET'))).toEqual([]);
		expect(krebit.subscriptions.map((s) => s.id)).toEqual(activated);
		expect(savedSubscriptions(database).map((s) => s.id).sort()).toEqual(
			(saved['node:Krebit Trigger'] as { subscriptions: Stored[] }).subscriptions.map((s) => s.id).sort(),
		);
		expect(await deliverActs(krebit, [process], 6)).toEqual({ started: 6, refused: 0 });
	});

	test('a delivery from a subscription the activation has just made, before n8n saved its secrets, starts a run', async () => {
		const { krebit, database, process } = await restartedWithLostState(3);
		const oldIds = krebit.subscriptions.map((s) => s.id);
		const activation = process.hook('create', { activation: 'init' });
		let made: FakeSubscription | undefined;
		for (let turn = 0; !made && turn < 10_000; turn++) {
			await afterTurns(1);
			made = krebit.subscriptions.find((s) => s.event === 'act.created' && !oldIds.includes(s.id));
		}
		expect(made).toBeDefined();
		expect(savedSubscriptions(database)).toEqual([]);

		const body = delivery('first-after-activation');
		const [answer] = await Promise.all([process.deliver(body, signed(made!.secret, body)), activation]);

		expect(answer.status).toBe(200);
		expect(answer.started).toHaveLength(1);
		expect(krebit.subscriptions.filter((s) => isProduction(s.target)).map((s) => s.event).sort()).toEqual([...THREE_EVENTS].sort());
	});
});
