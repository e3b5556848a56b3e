import { REPAIR_INTERVAL_MS } from '../../../nodes/KrebitTrigger/repair';
import { FakeWebhooks } from '../../harness/fake-webhooks';
import { SavedStaticData } from '../../harness/n8n-instance';
import { deliverActs, delivery, isProduction, processesOf, savedSubscriptions, seeded, signed, THREE_EVENTS } from './helpers';

// Several processes, each with a module registry of its own: slow on a busy machine (nothing here is timed).
jest.setTimeout(120_000);

/** An active workflow whose stored secrets a queue-mode worker has just wiped. */
async function wipedWorkflow(processCount: number, seed: number) {
	const random = seeded(seed);
	const krebit = new FakeWebhooks({ turns: () => Math.floor(random() * 6) });
	const database = new SavedStaticData();
	const [main, ...webhookProcesses] = processesOf(processCount + 1, { database });
	await main.hook('create');
	const oldSecret = krebit.subscriptions.find((s) => s.event === 'act.created')!.secret;
	database.wipe();
	return { krebit, database, webhookProcesses, oldSecret };
}

describe('webhook processes that repair at the same moment leave one subscription per event', () => {
	test.each([
		[2, 1],
		[2, 2],
		[2, 3],
		[2, 4],
		[2, 5],
		[2, 6],
		[3, 7],
		[3, 8],
		[3, 9],
		[4, 10],
	])('%i processes, each with a refused delivery at once (order %i): one per event, all verifiable with the saved secrets, 20 acts run 20 times', async (processCount, seed) => {
		const { krebit, database, webhookProcesses, oldSecret } = await wipedWorkflow(processCount, seed);

		const answers = await Promise.all(
			webhookProcesses.map((process, n) => {
				const body = delivery(`refused-${n}`);
				return process.deliver(body, signed(oldSecret, body));
			}),
		);

		expect(answers.map((a) => a.status)).toEqual(webhookProcesses.map(() => 401));
		const live = krebit.subscriptions.filter((s) => isProduction(s.target));
		expect(live.map((s) => s.event).sort()).toEqual([...THREE_EVENTS].sort());
		expect(savedSubscriptions(database).map((s) => [s.id, s.secret]).sort()).toEqual(live.map((s) => [String(s.id), s.secret]).sort());

		expect(await deliverActs(krebit, webhookProcesses, 20)).toEqual({ started: 20, refused: 0 });
	});
});

describe('a refused delivery while Krebit holds a copy the node cannot verify', () => {
	test('the copy is removed even within 10 minutes of a repair, the saved ones stay, nothing is made', async () => {
		const krebit = new FakeWebhooks();
		const database = new SavedStaticData();
		const [main, webhookProcess] = processesOf(2, { database });
		await main.hook('create');
		const known = krebit.subscriptions.map((s) => s.id);
		// Another process's copy of act.created, on the same URL, whose secret n8n did not save.
		const copy = krebit.add('act.created', krebit.subscriptions[0].target);
		const node = database.load();
		(node['node:Krebit Trigger'] as { lastRepairAt?: number }).lastRepairAt = Date.now() - REPAIR_INTERVAL_MS / 2;
		database.saveIfChanged(Object.assign(node, { __dataChanged: true }));
		krebit.calls.length = 0;

		const body = delivery('from-the-copy');
		const answer = await webhookProcess.deliver(body, signed(copy.secret, body));

		expect(answer.status).toBe(401);
		expect(krebit.calls.filter((c) => !c.startsWith('GET'))).toEqual([`DELETE ${copy.id}`]);
		expect(krebit.subscriptions.map((s) => s.id)).toEqual(known);
		expect(savedSubscriptions(database).map((s) => Number(s.id))).toEqual(known);
	});
});

describe('repairs that cannot agree at once still end with one subscription per event', () => {
	afterEach(() => jest.restoreAllMocks());

	test('a process that finds another repair under way at Krebit makes nothing and writes nothing', async () => {
		const { krebit, database, webhookProcesses, oldSecret } = await wipedWorkflow(2, 11);
		const [first, second] = webhookProcesses;
		const body = delivery('first');
		await first.deliver(body, signed(oldSecret, body));
		const afterFirst = krebit.subscriptions.map((s) => s.id);
		const saves = database.saves;
		// The second process's request loaded the workflow before the first one's save.
		const saved = database.load();
		database.wipe();
		krebit.calls.length = 0;

		const late = delivery('second');
		expect((await second.deliver(late, signed(oldSecret, late))).status).toBe(401);

		expect(krebit.calls.filter((c) => !c.startsWith('GET'))).toEqual([]);
		expect(krebit.subscriptions.map((s) => s.id)).toEqual(afterFirst);
		expect(database.saves).toBe(saves);
		expect(saved['node:Krebit Trigger']).toBeDefined();
	});

	test('two processes that each kept their set (n8n saved one): every act runs once; after 2 minutes a refused delivery removes the other set', async () => {
		const krebit = new FakeWebhooks();
		const database = new SavedStaticData();
		const [main, ...webhookProcesses] = processesOf(3, { database });
		await main.hook('create');
		const oldSecret = krebit.subscriptions[0].secret;
		database.wipe();
		const body = delivery('lost');
		await webhookProcesses[0].deliver(body, signed(oldSecret, body));
		const saved = savedSubscriptions(database);
		// A second set a process kept at the same moment, its secrets lost to n8n's last write.
		const repairedAt = Number(new URL(saved[0].target).searchParams.get('n8n_repair'));
		const other = THREE_EVENTS.map((event) => krebit.add(event, saved[0].target.replace(String(repairedAt), String(repairedAt + 40))));
		expect(await deliverActs(krebit, webhookProcesses, 6, 'two-sets')).toEqual({ started: 6, refused: 6 });
		expect(krebit.subscriptions).toHaveLength(6);

		jest.spyOn(Date, 'now').mockReturnValue(Date.now() + 3 * 60 * 1000);
		const late = delivery('from-the-other-set', other[0].event);
		expect((await webhookProcesses[1].deliver(late, signed(other[0].secret, late))).status).toBe(401);

		expect(krebit.subscriptions.map((s) => String(s.id)).sort()).toEqual(saved.map((s) => s.id).sort());
		expect(await deliverActs(krebit, webhookProcesses, 20)).toEqual({ started: 20, refused: 0 });
	});

	test.each([24, 25])('Krebit ids that do not grow (order %i): one per event, every act runs once', async (seed) => {
		const random = seeded(seed);
		const used = new Set<number>();
		const ids = () => {
			let id = 0;
			while (id === 0 || used.has(id)) id = 1 + Math.floor(random() * 1_000_000);
			used.add(id);
			return id;
		};
		const krebit = new FakeWebhooks({ turns: () => Math.floor(random() * 6), ids });
		const database = new SavedStaticData();
		const [main, ...webhookProcesses] = processesOf(3, { database });
		await main.hook('create');
		const oldSecret = krebit.subscriptions[0].secret;
		database.wipe();
		await Promise.all(
			webhookProcesses.map((process, n) => {
				const body = delivery(`unordered-${n}`, krebit.subscriptions[0].event);
				return process.deliver(body, signed(oldSecret, body));
			}),
		);
		const live = krebit.subscriptions.filter((s) => isProduction(s.target));
		expect(live.map((s) => s.event).sort()).toEqual([...THREE_EVENTS].sort());
		expect(savedSubscriptions(database).map((s) => s.id).sort()).toEqual(live.map((s) => String(s.id)).sort());
		expect(await deliverActs(krebit, webhookProcesses, 9)).toEqual({ started: 9, refused: 0 });
	});
});
