import { REMEMBERED_DELIVERIES } from '../../../nodes/KrebitTrigger/delivery';
import { signatureOf } from '../../../nodes/shared/signature';
import { FakeWebhooks } from '../../harness/fake-webhooks';
import { CREDENTIAL_ID } from '../../harness/engine';
import { authorizationCodeCredential, CLIENT_ID } from '../../harness/krebit-harness';
import { activeTrigger, delivery, signed, THREE_EVENTS, trigger } from './helpers';

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

	test('the same delivery id twice: one execution, the repeat answered 200; nothing kept in static data', async () => {
		const { t, secretOf } = await activeTrigger();
		const kept = JSON.parse(JSON.stringify(t.nodeStaticData()));
		const body = delivery('d-5');
		const headers = signed(secretOf('act.created'), body);
		const first = await t.deliver(body, headers);
		const second = await t.deliver(body, headers);
		expect(first.started).toHaveLength(1);
		expect(second.status).toBe(200);
		expect(second.body).toEqual({ received: true, duplicate: true });
		expect(second.started).toBeUndefined();
		// n8n does not save static data written on a request that starts a run: none is written.
		expect(t.nodeStaticData()).toEqual(kept);
	});

	test(`the last ${REMEMBERED_DELIVERIES} delivery ids are remembered, older ones forgotten`, async () => {
		const { t, secretOf } = await activeTrigger();
		const secret = secretOf('act.created');
		for (let i = 0; i <= REMEMBERED_DELIVERIES; i++) {
			const body = delivery(`id-${i}`);
			const answer = await t.deliver(body, signed(secret, body));
			expect(answer.started).toHaveLength(1);
		}
		const newest = delivery(`id-${REMEMBERED_DELIVERIES}`);
		expect((await t.deliver(newest, signed(secret, newest))).started).toBeUndefined();
		const oldest = delivery('id-0');
		expect((await t.deliver(oldest, signed(secret, oldest))).started).toHaveLength(1);
	});

	test('an X-Client-Id of another app is refused', async () => {
		const { t, secretOf } = await activeTrigger();
		const body = delivery('d-6');
		const answer = await t.deliver(body, { 'X-Signature': signatureOf(secretOf('act.created'), body), 'X-Client-Id': 'other-app' });
		expect(answer.status).toBe(401);
		expect(answer.started).toBeUndefined();
	});

	test('a delivery reads no credential: the client id kept at activation is compared', async () => {
		const { t, secretOf } = await activeTrigger();
		expect(t.nodeStaticData().clientId).toBe(CLIENT_ID);
		const reads = jest.spyOn(t.credentials, 'getDecrypted');
		const body = delivery('d-no-read');
		const answer = await t.deliver(body, { 'X-Signature': signatureOf(secretOf('act.created'), body), 'X-Client-Id': CLIENT_ID });
		expect(answer.started).toHaveLength(1);
		expect(reads).not.toHaveBeenCalled();
	});

	test('the client id the subscriptions were made with counts, until the next activation', async () => {
		const { t, secretOf } = await activeTrigger();
		// The user points the credential at another Krebit app while the workflow stays active:
		// Krebit still sends the id of the app that made the webhooks.
		t.credentials.store(CREDENTIAL_ID, 'krebitOAuth2Api', authorizationCodeCredential({ clientId: 'new-app' }));
		const send = async (id: string, clientId: string) => {
			const body = delivery(id);
			return await t.deliver(body, { 'X-Signature': signatureOf(secretOf('act.created'), body), 'X-Client-Id': clientId });
		};
		expect((await send('d-old-app', CLIENT_ID)).started).toHaveLength(1);
		expect((await send('d-new-app', 'new-app')).status).toBe(401);
		await t.hook('create');
		expect(t.nodeStaticData().clientId).toBe('new-app');
		expect((await send('d-new-app-2', 'new-app')).started).toHaveLength(1);
		expect((await send('d-old-app-2', CLIENT_ID)).status).toBe(401);
	});

	test('no client id kept beside the secrets: a delivery that names a client is refused, without a credential read', async () => {
		const { t, secretOf } = await activeTrigger();
		delete t.nodeStaticData().clientId;
		const reads = jest.spyOn(t.credentials, 'getDecrypted');
		const body = delivery('d-no-client');
		const refused = await t.deliver(body, { 'X-Signature': signatureOf(secretOf('act.created'), body), 'X-Client-Id': CLIENT_ID });
		expect(refused.status).toBe(401);
		expect(refused.body).toEqual({ message: 'Unknown client' });
		expect(refused.started).toBeUndefined();
		expect(reads).not.toHaveBeenCalled();
	});

	test('a body n8n left unread (version 1.1, a content type it does not parse) is read and verified', async () => {
		const { t, secretOf } = await activeTrigger();
		const body = delivery('d-unread');
		const answer = await t.deliver(body, signed(secretOf('act.created'), body), { unread: true });
		expect(answer.started?.[0]).toMatchObject({ uuid: 'act-1', delivery_id: 'd-unread' });
		const tampered = Buffer.from(body.toString().replace('act-1', 'act-2'));
		const forged = await t.deliver(tampered, signed(secretOf('act.created'), body), { unread: true });
		expect(forged.status).toBe(401);
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

	test('no stored secret: a delivery signed with an empty key is refused', async () => {
		new FakeWebhooks();
		const t = trigger();
		const body = delivery('d-7');
		const answer = await t.deliver(body, { 'X-Signature': signatureOf('', body) });
		expect(answer.status).toBe(401);
		expect(answer.started).toBeUndefined();
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
		const kept = JSON.parse(JSON.stringify(t.nodeStaticData()));
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
		expect(t.nodeStaticData()).toEqual(kept);

		const genuine = delivery('genuine-1');
		const answer = await t.deliver(genuine, { 'X-Signature': signatureOf(secret, genuine) });
		expect(answer.started).toHaveLength(1);
	});
});
