import { FakeWebhooks } from '../../harness/fake-webhooks';
import { N8nInstance, SavedStaticData } from '../../harness/n8n-instance';
import type { TriggerUnderTest } from '../../harness/trigger';
import { delivery, PRODUCTION_PATH, processesOf, signed, THREE_EVENTS } from './helpers';

const FIRST_ORIGIN = 'https://n8n-one.example.com';
const SECOND_ORIGIN = 'https://n8n-two.example.com';

/** The same exported workflow imported into an n8n of its own (own encryption key, own database). */
function importedInto(instance: N8nInstance, origin: string, count = 1): TriggerUnderTest[] {
	const processes = processesOf(count, { instance, database: new SavedStaticData() });
	for (const process of processes) process.instanceUrl = origin;
	return processes;
}

const heldFor = (krebit: FakeWebhooks, origin: string) =>
	krebit.subscriptions.filter((s) => s.target.startsWith(`${origin}${PRODUCTION_PATH}`)).map((s) => s.id);

async function verifies(krebit: FakeWebhooks, t: TriggerUnderTest, origin: string) {
	const mine = krebit.subscriptions.filter((s) => s.target.startsWith(origin));
	const started: number[] = [];
	for (const subscription of mine) {
		const body = delivery(`to-${subscription.id}`, subscription.event);
		started.push((await t.deliver(body, signed(subscription.secret, body))).started?.length ?? 0);
	}
	return started;
}

describe('two n8n instances running the same imported workflow against one Krebit organization', () => {
	test.each([
		['different WEBHOOK_URLs', FIRST_ORIGIN, SECOND_ORIGIN],
		['the same WEBHOOK_URL', FIRST_ORIGIN, FIRST_ORIGIN],
	])('%s: each holds one subscription per event; deactivating one leaves the other\'s', async (_name, firstOrigin, secondOrigin) => {
		const krebit = new FakeWebhooks();
		const [first] = importedInto(new N8nInstance('encryption-key-of-the-first-n8n'), firstOrigin);
		const [second] = importedInto(new N8nInstance('encryption-key-of-the-second-n8n'), secondOrigin);

		await first.hook('create');
		const firstIds = krebit.subscriptions.map((s) => s.id);
		await second.hook('create');

		expect(krebit.subscriptions.map((s) => s.event).sort()).toEqual([...THREE_EVENTS, ...THREE_EVENTS].sort());
		expect(krebit.subscriptions.filter((s) => firstIds.includes(s.id))).toHaveLength(3);
		expect(await first.hook('checkExists')).toBe(true);
		expect(await second.hook('checkExists')).toBe(true);

		await first.hook('delete');

		expect(krebit.subscriptions.map((s) => s.event).sort()).toEqual([...THREE_EVENTS].sort());
		expect(krebit.subscriptions.some((s) => firstIds.includes(s.id))).toBe(false);
		expect(await second.hook('checkExists')).toBe(true);
		const secondStarted: number[] = [];
		for (const subscription of krebit.subscriptions) {
			const body = delivery(`second-${subscription.id}`, subscription.event);
			secondStarted.push((await second.deliver(body, signed(subscription.secret, body))).started?.length ?? 0);
		}
		expect(secondStarted).toEqual([1, 1, 1]);
	});

	test('one n8n moves (WEBHOOK_URL changes): it cleans up its own old subscriptions, the other n8n keeps its', async () => {
		const krebit = new FakeWebhooks();
		const [first] = importedInto(new N8nInstance('encryption-key-of-the-first-n8n'), 'http://10.0.0.5:5678');
		const [second] = importedInto(new N8nInstance('encryption-key-of-the-second-n8n'), SECOND_ORIGIN);
		await first.hook('create');
		await second.hook('create');
		const secondIds = heldFor(krebit, SECOND_ORIGIN);

		first.instanceUrl = FIRST_ORIGIN;
		expect(await first.hook('checkExists')).toBe(false);
		await first.hook('create');

		expect(heldFor(krebit, 'http://10.0.0.5:5678')).toEqual([]);
		expect(heldFor(krebit, FIRST_ORIGIN)).toHaveLength(3);
		expect(heldFor(krebit, SECOND_ORIGIN)).toEqual(secondIds);
		expect(await verifies(krebit, first, FIRST_ORIGIN)).toEqual([1, 1, 1]);

		await first.hook('delete');
		expect(krebit.subscriptions.map((s) => s.id)).toEqual(secondIds);
	});

	test('the processes of one n8n (queue mode: main and webhook processors) count as one', async () => {
		const krebit = new FakeWebhooks();
		const instance = new N8nInstance('encryption-key-shared-by-every-process');
		const [main, webhookProcessor] = importedInto(instance, FIRST_ORIGIN, 2);

		await main.hook('create');
		expect(await webhookProcessor.hook('checkExists')).toBe(true);
		expect(await verifies(krebit, webhookProcessor, FIRST_ORIGIN)).toEqual([1, 1, 1]);

		await webhookProcessor.hook('delete');
		expect(krebit.subscriptions).toEqual([]);
	});

	test('the mark in the target does not give the instance id away', async () => {
		const krebit = new FakeWebhooks();
		const instance = new N8nInstance('encryption-key-of-the-first-n8n');
		const [first] = importedInto(instance, FIRST_ORIGIN);
		await first.hook('create');
		for (const subscription of krebit.subscriptions) {
			expect(subscription.target.startsWith(`${FIRST_ORIGIN}${PRODUCTION_PATH}`)).toBe(true);
			expect(subscription.target).not.toContain(instance.instanceId);
			expect(subscription.target).not.toContain(instance.instanceId.slice(0, 16));
		}
	});
});

describe('subscriptions made before instances were told apart (no mark on the target)', () => {
	async function legacyWorkflow() {
		const krebit = new FakeWebhooks();
		const instance = new N8nInstance('encryption-key-of-the-first-n8n');
		const [t] = importedInto(instance, FIRST_ORIGIN);
		const target = `${FIRST_ORIGIN}${PRODUCTION_PATH}`;
		const made = THREE_EVENTS.map((event) => krebit.add(event, target));
		const database = t.database!;
		database.saveIfChanged(
			Object.assign(
				{
					'node:Krebit Trigger': {
						subscriptions: made.map((s) => ({ id: String(s.id), event: s.event, target, secret: s.secret })),
						clientId: 'client-id-123',
					},
				},
				{ __dataChanged: true },
			),
		);
		krebit.calls.length = 0;
		return { krebit, t, made };
	}

	test('an active workflow keeps them: checkExists true, activation changes nothing at Krebit, deliveries verify', async () => {
		const { krebit, t, made } = await legacyWorkflow();
		expect(await t.hook('checkExists')).toBe(true);
		await t.hook('create');
		expect(krebit.calls.filter((c) => !c.startsWith('GET'))).toEqual([]);
		expect(krebit.subscriptions).toEqual(made);
		expect(await verifies(krebit, t, FIRST_ORIGIN)).toEqual([1, 1, 1]);
	});

	test('deactivation removes them; an unmarked one of another n8n (other origin, not recorded) is left alone', async () => {
		const { krebit, t } = await legacyWorkflow();
		const othersOld = krebit.add('act.created', `${SECOND_ORIGIN}${PRODUCTION_PATH}`);
		await t.hook('delete');
		expect(krebit.subscriptions).toEqual([othersOld]);
	});
});
