// Webhook deliveries (signed PHP-style JSON, retries with the same bytes, redelivery, forgery),
// and the admin controls for faults, latency and requests in flight.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, beforeEach, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

import { forgedBody, signatureOf as signWith } from '../../sandbox/signature.mjs';
import { admin, clientToken, startSmallSandbox } from './helpers.mjs';

/** A local webhook target: records every request; answers the queued statuses, then 200. */
async function startReceiver() {
	const received = [];
	const statuses = [];
	const server = createServer((req, res) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => {
			received.push({ headers: req.headers, body: Buffer.concat(chunks) });
			res.writeHead(statuses.shift() ?? 200);
			res.end();
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${server.address().port}/webhook/test`,
		received,
		statuses,
		async waitFor(count) {
			for (let i = 0; i < 250 && received.length < count; i++) await sleep(20);
			assert.equal(received.length, count, `expected ${count} requests at the receiver`);
		},
		close: () => new Promise((resolve) => server.close(resolve)),
	};
}

let sandbox;
let token;
let receiver;
let subscription;
before(async () => {
	sandbox = await startSmallSandbox();
	token = await clientToken(sandbox);
	receiver = await startReceiver();
	await admin(sandbox, 'POST', 'config', { deliveryRetryDelaysMs: [50, 100] });
	const created = await sandbox.call({ method: 'POST', path: '/api/1.0/webhooks', token, json: { event: 'act.created', target: receiver.url } });
	subscription = created.json.data;
});
after(async () => {
	await sandbox.stop();
	await receiver.close();
});
beforeEach(() => {
	receiver.received.length = 0;
	receiver.statuses.length = 0;
});

const signatureOf = (bytes) => signWith(subscription.secret, bytes);

describe('deliveries', () => {
	test("the signer is lower-case hex HMAC-SHA256 of the bytes (RFC 4231's test case 2), the forger adds one space", () => {
		assert.equal(signWith('Jefe', Buffer.from('what do ya want for nothing?')), '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
		assert.equal(forgedBody('{"id":"1","event":"act.created"}'), '{"id":"1", "event":"act.created"}');
	});

	test('a new act is delivered signed over the raw bytes, with the act and the client id', async () => {
		const answer = (await admin(sandbox, 'POST', 'acts', { client_id: 3 })).json;
		assert.equal(answer.act.client_id, 3);
		assert.deepEqual(answer.deliveries.map(({ subscription_id, target, status }) => ({ subscription_id, target, status })), [
			{ subscription_id: subscription.id, target: receiver.url, status: 200 },
		]);
		const [request] = receiver.received;
		assert.equal(request.headers['content-type'], 'application/json');
		assert.equal(request.headers['x-signature'], signatureOf(request.body));
		assert.equal(request.headers['x-client-id'], 'krebit-sandbox-client');
		const payload = JSON.parse(request.body.toString('utf8'));
		assert.deepEqual(Object.keys(payload), ['id', 'event', 'created_at', 'data']);
		assert.equal(payload.event, 'act.created');
		assert.deepEqual(payload.data, answer.act);
		assert.equal(payload.id, answer.deliveries[0].delivery_id);
		assert.match(request.body.toString('latin1'), /^[\x20-\x7e]+$/);

		const latest = await sandbox.call({ path: '/api/1.0/acts?limit=1', token });
		assert.equal(latest.json.data[0].uuid, answer.act.uuid);
	});

	test('the body is written as PHP writes JSON: \\/ and \\u escapes, surrogate pairs', async () => {
		const data = { note: 'Bergström/Åkeri: ä 😀' };
		const { deliveries } = (await admin(sandbox, 'POST', 'deliver', { event: 'act.created', data })).json;
		assert.equal(deliveries[0].status, 200);
		const text = receiver.received[0].body.toString('utf8');
		assert.ok(text.includes('"note":"Bergstr\\u00f6m\\/\\u00c5keri: \\u00e4 \\ud83d\\ude00"'), text);
		assert.deepEqual(JSON.parse(text).data, data);
		assert.equal(receiver.received[0].headers['x-signature'], signatureOf(receiver.received[0].body));
	});

	test('a delivery answered 500 is retried with the same bytes and id until it is answered 2xx', async () => {
		receiver.statuses.push(500, 503);
		const { deliveries } = (await admin(sandbox, 'POST', 'acts')).json;
		assert.equal(deliveries[0].status, 500);
		await receiver.waitFor(3);
		const [first, second, third] = receiver.received;
		assert.ok(first.body.equals(second.body) && first.body.equals(third.body));
		assert.equal(third.headers['x-signature'], first.headers['x-signature']);
		await sleep(200);
		assert.equal(receiver.received.length, 3);
		const { json } = await admin(sandbox, 'GET', 'state');
		const logged = json.deliveries.find((delivery) => delivery.delivery_id === deliveries[0].delivery_id);
		assert.deepEqual(logged.attempts.map((attempt) => attempt.status), [500, 503, 200]);
		assert.equal(logged.body, first.body.toString('utf8'));
		assert.equal(logged.subscription_id, subscription.id);
	});

	test('a target that refuses connections is logged with the error and retried', async () => {
		const dead = await startReceiver();
		await dead.close();
		const created = await sandbox.call({ method: 'POST', path: '/api/1.0/webhooks', token, json: { event: 'signing.sent', target: dead.url } });
		const { deliveries } = (await admin(sandbox, 'POST', 'deliver', { event: 'signing.sent', data: { id: 'x' } })).json;
		assert.equal(deliveries[0].status, null);
		assert.match(deliveries[0].error, /ECONNREFUSED/);
		const attempts = async () => (await admin(sandbox, 'GET', 'state')).json.deliveries.find((d) => d.delivery_id === deliveries[0].delivery_id).attempts;
		for (let i = 0; i < 250 && (await attempts()).length < 3; i++) await sleep(20);
		assert.deepEqual((await attempts()).map((attempt) => attempt.status ?? attempt.error.split(':')[0]), ['ECONNREFUSED', 'ECONNREFUSED', 'ECONNREFUSED']);
		await sandbox.call({ method: 'DELETE', path: `/api/1.0/webhooks/${created.json.data.id}`, token });
	});

	test('redeliver sends the same bytes again; forge sends changed bytes with the old signature', async () => {
		const { deliveries } = (await admin(sandbox, 'POST', 'acts')).json;
		const again = (await admin(sandbox, 'POST', 'redeliver', { delivery_id: deliveries[0].delivery_id })).json;
		assert.equal(again.deliveries[0].status, 200);
		const forged = (await admin(sandbox, 'POST', 'forge', { delivery_id: deliveries[0].delivery_id })).json;
		assert.equal(forged.deliveries[0].status, 200);
		const [original, copy, tampered] = receiver.received;
		assert.ok(copy.body.equals(original.body));
		assert.ok(!tampered.body.equals(original.body));
		assert.equal(tampered.headers['x-signature'], original.headers['x-signature']);
		assert.notEqual(tampered.headers['x-signature'], signatureOf(tampered.body));
		assert.equal((await admin(sandbox, 'POST', 'redeliver', { delivery_id: 'unknown' })).status, 404);
	});

	test('createAct from the programmatic API delivers too', async () => {
		const { act, deliveries } = await sandbox.createAct({ tenant: 'demo' });
		assert.equal(deliveries[0].status, 200);
		assert.equal(JSON.parse(receiver.received[0].body).data.uuid, act.uuid);
	});
});

describe('fault and latency injection', () => {
	test('the next N matching requests get the injected 429 with Retry-After, then all is well', async () => {
		await admin(sandbox, 'POST', 'faults', { path: '/clients', status: 429, retryAfter: 2, count: 2 });
		const statuses = [];
		for (let i = 0; i < 3; i++) {
			const answer = await sandbox.call({ path: '/api/1.0/clients?limit=5', token });
			statuses.push([answer.status, answer.headers['retry-after'], answer.json.message ? 'message' : 'data']);
		}
		assert.deepEqual(statuses, [[429, '2', 'message'], [429, '2', 'message'], [200, undefined, 'data']]);
	});

	test('faults match by method and "*"; DELETE clears them', async () => {
		await admin(sandbox, 'POST', 'faults', { path: '*', method: 'POST', status: 503, count: 5 });
		assert.equal((await sandbox.call({ path: '/api/1.0/me', token })).status, 200);
		assert.equal((await sandbox.call({ method: 'POST', path: '/api/1.0/signings', token, json: {} })).status, 503);
		assert.deepEqual((await admin(sandbox, 'DELETE', 'faults')).json, []);
		assert.equal((await sandbox.call({ method: 'POST', path: '/api/1.0/signings', token, json: {} })).status, 400);
	});

	test('latency is added before every API answer; requests in flight and the peak are counted', async () => {
		// Four sockets open first, so the four slow requests arrive together.
		await Promise.all(Array.from({ length: 4 }, () => sandbox.call({ path: '/api/1.0/me', token })));
		await admin(sandbox, 'POST', 'reset-stats');
		await admin(sandbox, 'POST', 'config', { latencyMs: 300 });
		try {
			const started = performance.now();
			const answers = await Promise.all(Array.from({ length: 4 }, () => sandbox.call({ path: '/api/1.0/me', token })));
			assert.ok(performance.now() - started >= 300);
			assert.ok(answers.every((answer) => answer.status === 200));
		} finally {
			await admin(sandbox, 'POST', 'config', { latencyMs: 0 });
		}
		const { json } = await admin(sandbox, 'GET', 'state');
		assert.equal(json.apiRequests, 4);
		assert.deepEqual(json.apiRequestLog, ['GET /me', 'GET /me', 'GET /me', 'GET /me']);
		assert.equal(json.peakInFlight, 4);
		assert.equal(json.inFlight, 0);
	});

	test('config refuses values that make no sense', async () => {
		const answer = await admin(sandbox, 'POST', 'config', { pageCap: 0, tokenTtlSeconds: 'soon' });
		assert.equal(answer.status, 400);
		assert.deepEqual(Object.keys(answer.json.errors).sort(), ['pageCap', 'tokenTtlSeconds']);
	});
});
