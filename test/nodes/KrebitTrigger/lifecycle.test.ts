import type { IDataObject, INodeParameters } from 'n8n-workflow';
import nock from 'nock';

import { KrebitTrigger } from '../../../nodes/KrebitTrigger/KrebitTrigger.node';
import { REMEMBERED_DELIVERIES } from '../../../nodes/KrebitTrigger/delivery';
import { signatureOf } from '../../../nodes/shared/signature';
import { INSTANCE_URL } from '../../harness/engine';
import { FakeWebhooks } from '../../harness/fake-webhooks';
import { CLIENT_ID, KREBIT, KrebitHarness } from '../../harness/krebit-harness';
import { TriggerUnderTest, WEBHOOK_ID } from '../../harness/trigger';

const PRODUCTION_URL = `${INSTANCE_URL}/webhook/${WEBHOOK_ID}/webhook`;
const TEST_URL = `${INSTANCE_URL}/webhook-test/${WEBHOOK_ID}/webhook`;
const THREE_EVENTS = ['act.created', 'signing.sent', 'signing.cancelled'];

function trigger(parameters: INodeParameters = { events: THREE_EVENTS }) {
	const harness = new KrebitHarness();
	const nodeType = new KrebitTrigger();
	harness.registerNode('n8n-nodes-krebit.krebitTrigger', nodeType);
	const node = { ...harness.node('n8n-nodes-krebit.krebitTrigger', parameters, 'Krebit Trigger'), webhookId: WEBHOOK_ID };
	return new TriggerUnderTest(harness.nodeTypes, harness.credentials, nodeType, node);
}

function stored(t: TriggerUnderTest) {
	return (t.nodeStaticData().subscriptions ?? []) as Array<{ id: string; event: string; target: string; secret: string }>;
}

describe('lifecycle', () => {
	test('activate with 3 events: 3 subscriptions with the production URL, secrets stored', async () => {
		const krebit = new FakeWebhooks();
		const t = trigger();

		expect(await t.hook('checkExists')).toBe(false);
		expect(await t.hook('create')).toBe(true);

		expect(krebit.subscriptions.map((s) => [s.event, s.target])).toEqual(THREE_EVENTS.map((e) => [e, PRODUCTION_URL]));
		expect(stored(t)).toEqual(
			krebit.subscriptions.map((s) => ({ id: String(s.id), event: s.event, target: s.target, secret: s.secret })),
		);
		expect(await t.hook('checkExists')).toBe(true);
	});

	test('test mode registers the /webhook-test/ URL', async () => {
		const krebit = new FakeWebhooks();
		const t = trigger({ events: ['act.created'] });
		await t.hook('create', { isTest: true, activation: 'manual' });
		expect(krebit.subscriptions.map((s) => s.target)).toEqual([TEST_URL]);
	});

	test('one removed at Krebit: checkExists false without deleting, create adds exactly that one', async () => {
		const krebit = new FakeWebhooks();
		const t = trigger();
		await t.hook('create');
		krebit.removeBehindTheScenes('signing.sent');
		krebit.calls.length = 0;

		expect(await t.hook('checkExists')).toBe(false);
		expect(krebit.calls.filter((c) => !c.startsWith('GET'))).toEqual([]);

		await t.hook('create');
		expect(krebit.calls.filter((c) => c.startsWith('POST'))).toEqual(['POST signing.sent']);
		expect(krebit.subscriptions.map((s) => s.event).sort()).toEqual([...THREE_EVENTS].sort());
		expect(stored(t)).toHaveLength(3);
		expect(await t.hook('checkExists')).toBe(true);
	});

	test('create again with all present makes no duplicate', async () => {
		const krebit = new FakeWebhooks();
		const t = trigger();
		await t.hook('create');
		await t.hook('create');
		expect(krebit.subscriptions).toHaveLength(3);
		expect(stored(t)).toHaveLength(3);
	});

	test('deactivate: all 3 deleted at Krebit, static data empty', async () => {
		const krebit = new FakeWebhooks();
		const t = trigger();
		await t.hook('create');
		expect(await t.hook('delete')).toBe(true);
		expect(krebit.subscriptions).toEqual([]);
		expect(krebit.calls.filter((c) => c.startsWith('DELETE'))).toHaveLength(3);
		expect(t.nodeStaticData()).toEqual({});
	});

	test('a subscription already gone at Krebit (404) counts as deleted', async () => {
		const krebit = new FakeWebhooks();
		const t = trigger();
		await t.hook('create');
		krebit.removeBehindTheScenes('act.created');
		await t.hook('delete');
		expect(krebit.subscriptions).toEqual([]);
		expect(t.nodeStaticData()).toEqual({});
	});

	test('a failing delete is raised, and the subscriptions stay stored for the next try', async () => {
		const failing = new FakeWebhooks({ failDelete: true });
		const t = trigger();
		await t.hook('create');
		await expect(t.hook('delete')).rejects.toThrow('Could not remove 3 Krebit webhook(s)');
		expect(stored(t)).toHaveLength(3);
		expect(failing.subscriptions).toHaveLength(3);
	});

	test('creating the third of four fails: the two made are deleted, a clear error, nothing left', async () => {
		const krebit = new FakeWebhooks({ failCreateNumber: 3 });
		const t = trigger({ events: [...THREE_EVENTS, 'signing.document.completed'] });

		await expect(t.hook('create')).rejects.toThrow(
			'Could not register the Krebit webhooks: Create a Krebit webhook for "signing.cancelled" failed: Krebit answered 400 (The given data was invalid.)',
		);

		expect(krebit.subscriptions).toEqual([]);
		expect(krebit.calls.filter((c) => c.startsWith('DELETE'))).toHaveLength(2);
		expect(stored(t)).toEqual([]);
	});

	test('custom events are subscribed too, each once', async () => {
		const krebit = new FakeWebhooks();
		const t = trigger({ events: ['act.created'], customEvents: 'client.updated, act.created ,act.updated' });
		await t.hook('create');
		expect(krebit.subscriptions.map((s) => s.event)).toEqual(['act.created', 'client.updated', 'act.updated']);
	});

	test('a custom value that is no event name stops activation before anything is made', async () => {
		const krebit = new FakeWebhooks();
		const t = trigger({ events: [], customEvents: 'https://evil.example' });
		await expect(t.hook('create')).rejects.toThrow('is not a Krebit event name');
		expect(krebit.calls).toEqual([]);
	});

	test('no event chosen: activation says to pick one, nothing is made', async () => {
		const krebit = new FakeWebhooks();
		const t = trigger({ events: [], customEvents: ' ' });
		await expect(t.hook('create')).rejects.toThrow('Choose at least one Krebit event to listen to');
		expect(krebit.calls).toEqual([]);
	});

	test('Krebit making a webhook without a signing secret: it is deleted again and activation fails', async () => {
		const scope = nock(KREBIT)
			.post('/api/1.0/webhooks')
			.reply(201, { data: { id: 555, event: 'act.created', target: PRODUCTION_URL } });
		const removed = nock(KREBIT).delete('/api/1.0/webhooks/555').reply(204);
		const t = trigger({ events: ['act.created'] });
		await expect(t.hook('create')).rejects.toThrow('Krebit made the "act.created" webhook without a signing secret');
		scope.done();
		removed.done();
		expect(stored(t)).toEqual([]);
	});

	test('an event unselected since the last activation is removed at Krebit on the next create', async () => {
		const krebit = new FakeWebhooks();
		const before = trigger();
		await before.hook('create');
		const after = trigger({ events: ['act.created'] });
		Object.assign(after.staticData, before.staticData);
		expect(await after.hook('checkExists')).toBe(true);
		await after.hook('create');
		expect(krebit.subscriptions.map((s) => s.event)).toEqual(['act.created']);
	});

	test('test-mode delete leaves the production subscriptions alone', async () => {
		const krebit = new FakeWebhooks();
		const t = trigger({ events: ['act.created'] });
		await t.hook('create');
		await t.hook('create', { isTest: true, activation: 'manual' });
		await t.hook('delete', { isTest: true, activation: 'manual' });
		expect(krebit.subscriptions.map((s) => s.target)).toEqual([PRODUCTION_URL]);
		expect(stored(t).map((s) => s.target)).toEqual([PRODUCTION_URL]);
	});
});

function delivery(id: string, event = 'act.created', data: IDataObject = { uuid: 'act-1', client_id: 42, amount: 250000 }) {
	return Buffer.from(JSON.stringify({ id, event, created_at: '2026-11-23T10:00:00Z', data }));
}

async function activeTrigger(parameters?: INodeParameters) {
	const krebit = new FakeWebhooks();
	const t = trigger(parameters);
	await t.hook('create');
	const secretOf = (event: string) => krebit.subscriptions.find((s) => s.event === event)!.secret;
	return { t, krebit, secretOf };
}

describe('deliveries', () => {
	test('a genuine delivery starts the workflow with the act, event and delivery beside it', async () => {
		const { t, secretOf } = await activeTrigger();
		const body = delivery('d-1');
		const answer = await t.deliver(body, { 'X-Signature': signatureOf(secretOf('act.created'), body), 'X-Client-Id': CLIENT_ID });
		expect(answer.started).toEqual([
			{
				uuid: 'act-1',
				client_id: 42,
				amount: 250000,
				event: 'act.created',
				delivery_id: 'd-1',
				delivery_created_at: '2026-11-23T10:00:00Z',
			},
		]);
		expect(answer.result.webhookResponse).toEqual({ received: true });
	});

	test('the older X-Krebit-Signature header is accepted too', async () => {
		const { t, secretOf } = await activeTrigger();
		const body = delivery('d-2');
		const answer = await t.deliver(body, { 'X-Krebit-Signature': signatureOf(secretOf('act.created'), body) });
		expect(answer.started).toHaveLength(1);
	});

	test('options: raw delivery, with headers', async () => {
		const { t, secretOf } = await activeTrigger({ events: THREE_EVENTS, options: { output: 'raw', includeHeaders: true } });
		const body = delivery('d-3');
		const signature = signatureOf(secretOf('act.created'), body);
		const answer = await t.deliver(body, { 'X-Signature': signature });
		expect(answer.started).toEqual([{ ...JSON.parse(body.toString()), headers: { 'x-signature': signature } }]);
	});

	test('a delivery for an event the workflow did not select: 200 and ignored', async () => {
		const { t, secretOf } = await activeTrigger({ events: ['act.created'] });
		const body = delivery('d-4', 'signing.sent');
		const answer = await t.deliver(body, { 'X-Signature': signatureOf(secretOf('act.created'), body) });
		expect(answer.status).toBe(200);
		expect(answer.started).toBeUndefined();
	});

	test('the same delivery id twice: one execution, the repeat answered 200', async () => {
		const { t, secretOf } = await activeTrigger();
		const body = delivery('d-5');
		const headers = { 'X-Signature': signatureOf(secretOf('act.created'), body) };
		const first = await t.deliver(body, headers);
		const second = await t.deliver(body, headers);
		expect(first.started).toHaveLength(1);
		expect(second.status).toBe(200);
		expect(second.started).toBeUndefined();
		expect(t.nodeStaticData().recentDeliveries).toEqual(['d-5']);
	});

	test(`the last ${REMEMBERED_DELIVERIES} delivery ids are remembered, older ones forgotten`, async () => {
		const { t, secretOf } = await activeTrigger();
		const secret = secretOf('act.created');
		for (let i = 0; i <= REMEMBERED_DELIVERIES; i++) {
			const body = delivery(`id-${i}`);
			const answer = await t.deliver(body, { 'X-Signature': signatureOf(secret, body) });
			expect(answer.started).toHaveLength(1);
		}
		const remembered = t.nodeStaticData().recentDeliveries as string[];
		expect(remembered).toHaveLength(REMEMBERED_DELIVERIES);
		expect(remembered[0]).toBe('id-1');
		const repeat = delivery(`id-${REMEMBERED_DELIVERIES}`);
		expect((await t.deliver(repeat, { 'X-Signature': signatureOf(secret, repeat) })).started).toBeUndefined();
	});

	test('an X-Client-Id of another app is refused', async () => {
		const { t, secretOf } = await activeTrigger();
		const body = delivery('d-6');
		const answer = await t.deliver(body, { 'X-Signature': signatureOf(secretOf('act.created'), body), 'X-Client-Id': 'other-app' });
		expect(answer.status).toBe(401);
		expect(answer.started).toBeUndefined();
	});

	test('a 1 MB body verifies correctly', async () => {
		const { t, secretOf } = await activeTrigger();
		const notes = 'Årsredovisning och kassaflöde. '.repeat(34000);
		const body = delivery('d-big', 'act.created', { uuid: 'act-big', notes });
		expect(body.length).toBeGreaterThan(1024 * 1024);
		const answer = await t.deliver(body, { 'X-Signature': signatureOf(secretOf('act.created'), body) });
		expect(answer.started?.[0].notes).toBe(notes);
		const tampered = Buffer.from(body);
		tampered[body.length - 100] ^= 1;
		expect((await t.deliver(tampered, { 'X-Signature': signatureOf(secretOf('act.created'), body) })).status).toBe(401);
	});

	test('signed but not JSON: 400, nothing started', async () => {
		const { t, secretOf } = await activeTrigger();
		const body = Buffer.from('not json');
		const answer = await t.deliver(body, { 'X-Signature': signatureOf(secretOf('act.created'), body) });
		expect(answer.status).toBe(400);
		expect(answer.started).toBeUndefined();
	});

	test('no stored secret (workflow never activated): every delivery is refused', async () => {
		new FakeWebhooks();
		const t = trigger();
		const body = delivery('d-7');
		const answer = await t.deliver(body, { 'X-Signature': signatureOf('', body) });
		expect(answer.status).toBe(401);
	});
});

/** A small seeded generator, so a failing forgery can be replayed. */
function random(seed: number) {
	let state = seed;
	return () => {
		state = (state * 1664525 + 1013904223) % 2 ** 32;
		return state / 2 ** 32;
	};
}

describe('1,000 forged deliveries', () => {
	test('are all refused with 401 and start nothing; the genuine one starts exactly one', async () => {
		const { t, secretOf } = await activeTrigger();
		const secret = secretOf('act.created');
		const next = random(42);
		const forgeries: Array<[string, Buffer, Record<string, string>]> = [];

		for (let i = 0; forgeries.length < 1000; i++) {
			const body = delivery(`forged-${i}`, 'act.created', { uuid: `act-${i}`, amount: Math.floor(next() * 1e6) });
			const good = signatureOf(secret, body);
			const kind = i % 12;
			if (kind === 0) forgeries.push(['flipped hex digit', body, { 'X-Signature': good.slice(0, 10) + (good[10] === 'a' ? 'b' : 'a') + good.slice(11) }]);
			if (kind === 1) forgeries.push(['other secret', body, { 'X-Signature': signatureOf(`${secret}x`, body) }]);
			if (kind === 2) forgeries.push(['truncated', body, { 'X-Signature': good.slice(0, 32 + Math.floor(next() * 31)) }]);
			if (kind === 3) forgeries.push(['upper-case', body, { 'X-Signature': good.toUpperCase() }]);
			if (kind === 4) forgeries.push(['missing header', body, {}]);
			if (kind === 5) {
				const changed = Buffer.from(body);
				changed[Math.floor(next() * changed.length)] ^= 1 + Math.floor(next() * 127);
				forgeries.push(['one byte changed', changed, { 'X-Signature': good }]);
			}
			if (kind === 6) {
				const text = body.toString();
				const at = text.indexOf(',') + 1;
				forgeries.push(['one space added', Buffer.from(text.slice(0, at) + ' ' + text.slice(at)), { 'X-Signature': good }]);
			}
			if (kind === 7) {
				// Signed over the parsed-then-re-serialized JSON, not the bytes sent.
				const pretty = Buffer.from(JSON.stringify(JSON.parse(body.toString()), null, 1));
				forgeries.push(['re-serialized JSON', pretty, { 'X-Signature': good }]);
			}
			if (kind === 8) forgeries.push(['non-hex of the right length', body, { 'X-Signature': 'z'.repeat(64) }]);
			if (kind === 9) forgeries.push(['sha256= prefix', body, { 'X-Signature': `sha256=${good}` }]);
			if (kind === 10) forgeries.push(['too long', body, { 'X-Signature': good + '00' }]);
			if (kind === 11) forgeries.push(['signature of another body', body, { 'X-Signature': signatureOf(secret, delivery(`other-${i}`)) }]);
		}

		const kinds = new Set<string>();
		for (const [kind, body, headers] of forgeries) {
			kinds.add(kind);
			const answer = await t.deliver(body, headers);
			if (answer.status !== 401 || answer.started !== undefined) {
				throw new Error(`forgery "${kind}" was not refused: ${answer.status}`);
			}
		}
		expect(kinds.size).toBe(12);
		expect(t.nodeStaticData().recentDeliveries).toBeUndefined();

		const genuine = delivery('genuine-1');
		const answer = await t.deliver(genuine, { 'X-Signature': signatureOf(secret, genuine) });
		expect(answer.started).toHaveLength(1);
	});
});
