// Krebit Sign after the draft: recipients, send (signing.sent), reminders (202), a recipient
// signing through the admin API (signing.document.completed), the sealed PDF, cancel by role.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

import { admin, clientToken, startSmallSandbox } from './helpers.mjs';

const PDF = readFileSync(new URL('../fixtures/agreement.pdf', import.meta.url));
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');
const EVENTS = ['signing.sent', 'signing.document.completed', 'signing.reminder.dispatched', 'signing.cancelled'];

let sandbox;
let token;
let receiver;
const received = [];
before(async () => {
	sandbox = await startSmallSandbox();
	token = await clientToken(sandbox);
	receiver = createServer((req, res) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => {
			received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
			res.end();
		});
	});
	await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
	for (const event of EVENTS) {
		await api('POST', '/webhooks', { json: { event, target: `http://127.0.0.1:${receiver.address().port}/hook` } });
	}
});
after(async () => {
	await sandbox.stop();
	await new Promise((resolve) => receiver.close(resolve));
});

const api = (method, path, rest = {}) => sandbox.call({ method, path: `/api/1.0${path}`, token, ...rest });

async function eventsFor(event, count) {
	for (let i = 0; i < 250 && received.filter((delivery) => delivery.event === event).length < count; i++) await sleep(20);
	return received.filter((delivery) => delivery.event === event);
}

function multipart(bytes) {
	const boundary = '----krebit-lifecycle';
	const body = Buffer.concat([
		Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="selected_file"; filename="kreditavtal.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
		bytes,
		Buffer.from(`\r\n--${boundary}--\r\n`),
	]);
	return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function draftWithDocument(order = 'sequential') {
	const signing = (await api('POST', '/signings', { json: { name: 'Kreditavtal', language: 'SV', signing_order: order } })).json.data;
	const document = (await api('POST', `/signings/${signing.id}/documents`, multipart(PDF))).json.data;
	return { signing, document };
}

describe('signing lifecycle', () => {
	test('recipients: added in order with extra fields, listed, removed; bad fields are 400', async () => {
		const { signing } = await draftWithDocument();
		const anna = await api('POST', `/signings/${signing.id}/recipients`, { json: { name: 'Anna Lindqvist', email: 'anna@example.se', identification: 'bankid' } });
		assert.equal(anna.status, 201);
		assert.deepEqual({ ...anna.json.data, id: undefined }, {
			id: undefined, signing_id: signing.id, name: 'Anna Lindqvist', email: 'anna@example.se', order: 1, status: 'pending', signed_at: null, identification: 'bankid',
		});
		const erik = (await api('POST', `/signings/${signing.id}/recipients`, { json: { name: 'Erik Berg', email: 'erik@example.se' } })).json.data;
		assert.equal(erik.order, 2);
		const bad = await api('POST', `/signings/${signing.id}/recipients`, { json: { name: '', email: 'not-an-address', order: 0 } });
		assert.equal(bad.status, 400);
		assert.deepEqual(Object.keys(bad.json.errors).sort(), ['email', 'name', 'order']);
		const list = (await api('GET', `/signings/${signing.id}/recipients`)).json;
		assert.deepEqual(list.data.map((recipient) => recipient.email), ['anna@example.se', 'erik@example.se']);
		assert.equal(list.meta.total, 2);
		assert.equal((await api('DELETE', `/signings/${signing.id}/recipients/${erik.id}`)).status, 204);
		assert.equal((await api('DELETE', `/signings/${signing.id}/recipients/${erik.id}`)).status, 404);
		assert.equal((await api('GET', `/signings/${signing.id}/recipients`)).json.meta.total, 1);
	});

	test('send needs a document and a recipient; then the draft is live and signing.sent is delivered', async () => {
		const empty = (await api('POST', '/signings', { json: { name: 'Tom', language: 'EN', signing_order: 'parallel' } })).json.data;
		const refused = await api('POST', `/signings/${empty.id}/send`);
		assert.equal(refused.status, 400);
		assert.deepEqual(Object.keys(refused.json.errors).sort(), ['documents', 'recipients']);

		const { signing } = await draftWithDocument();
		await api('POST', `/signings/${signing.id}/recipients`, { json: { name: 'Anna', email: 'anna@example.se' } });
		const sent = await api('POST', `/signings/${signing.id}/send`);
		assert.equal(sent.status, 200);
		assert.equal(sent.json.data.status, 'sent');
		const deliveries = await eventsFor('signing.sent', 1);
		assert.ok(deliveries.some((delivery) => delivery.data.id === signing.id));

		// A live signing cannot be changed: 400 cannot_be_edited.
		for (const [method, path, json] of [
			['POST', `/signings/${signing.id}/send`],
			['POST', `/signings/${signing.id}/recipients`, { name: 'Late', email: 'late@example.se' }],
		]) {
			const answer = await api(method, path, json ? { json } : {});
			assert.equal(answer.status, 400);
			assert.match(Object.values(answer.json.errors)[0][0], /^cannot_be_edited: the signing is sent/);
		}
	});

	test('reminders: 202 without a body, signing.reminder.dispatched to the recipients who have not signed; drafts refused', async () => {
		const { signing } = await draftWithDocument('parallel');
		const first = (await api('POST', `/signings/${signing.id}/recipients`, { json: { name: 'Anna', email: 'anna@example.se' } })).json.data;
		await api('POST', `/signings/${signing.id}/recipients`, { json: { name: 'Erik', email: 'erik@example.se' } });
		assert.equal((await api('POST', `/signings/${signing.id}/reminders`)).status, 400);
		await api('POST', `/signings/${signing.id}/send`);
		await admin(sandbox, 'POST', `signings/${signing.id}/recipients/${first.id}/sign`);
		const reminded = await api('POST', `/signings/${signing.id}/reminders`);
		assert.deepEqual([reminded.status, reminded.text], [202, '']);
		const deliveries = await eventsFor('signing.reminder.dispatched', 1);
		const mine = deliveries.find((delivery) => delivery.data.signing_id === signing.id);
		assert.deepEqual(mine.data.recipients.map((recipient) => recipient.email), ['erik@example.se']);
	});

	test('every recipient signs (in order): completed, signing.document.completed, the sealed PDF downloads', async () => {
		const { signing, document } = await draftWithDocument('sequential');
		const anna = (await api('POST', `/signings/${signing.id}/recipients`, { json: { name: 'Anna', email: 'anna@example.se' } })).json.data;
		const erik = (await api('POST', `/signings/${signing.id}/recipients`, { json: { name: 'Erik', email: 'erik@example.se' } })).json.data;
		await api('POST', `/signings/${signing.id}/send`);
		const early = await api('GET', `/signings/${signing.id}/documents/${document.id}/download`);
		assert.equal(early.status, 409);
		assert.equal((await admin(sandbox, 'POST', `signings/${signing.id}/recipients/${erik.id}/sign`)).status, 400, 'Erik signs after Anna');
		await admin(sandbox, 'POST', `signings/${signing.id}/recipients/${anna.id}/sign`);
		const done = (await admin(sandbox, 'POST', `signings/${signing.id}/recipients/${erik.id}/sign`)).json;
		assert.equal(done.signing.status, 'completed');
		const completed = (await eventsFor('signing.document.completed', 1)).find((delivery) => delivery.data.signing_id === signing.id);
		assert.deepEqual({ id: completed.data.id, status: completed.data.status }, { id: document.id, status: 'completed' });

		const listed = (await api('GET', `/signings/${signing.id}/documents`)).json.data;
		assert.deepEqual(listed.map(({ id, filename, status }) => ({ id, filename, status })), [{ id: document.id, filename: 'kreditavtal.pdf', status: 'completed' }]);
		const download = await sandbox.call({ method: 'GET', path: `/api/1.0/signings/${signing.id}/documents/${document.id}/download`, token, headers: { accept: 'application/pdf' } });
		assert.equal(download.status, 200);
		assert.equal(download.headers['content-type'], 'application/pdf');
		assert.equal(download.headers['content-disposition'], 'attachment; filename="kreditavtal-signed.pdf"');
		const bytes = Buffer.from(download.text, 'latin1');
		assert.ok(download.text.startsWith('%PDF-'));
		const inspected = (await admin(sandbox, 'GET', `signings/${signing.id}`)).json.documents[0];
		assert.equal(inspected.original_sha256, sha256(PDF));
		assert.equal(inspected.sealed_size, Number(download.headers['content-length']));
		assert.notEqual(inspected.sealed_sha256, inspected.original_sha256);
		assert.ok(bytes.length > PDF.length);
	});

	test('cancel: refused 403 for a role without the right; an admin cancels and signing.cancelled is delivered', async () => {
		const { signing } = await draftWithDocument();
		await api('POST', `/signings/${signing.id}/recipients`, { json: { name: 'Anna', email: 'anna@example.se' } });
		await api('POST', `/signings/${signing.id}/send`);
		await admin(sandbox, 'POST', 'role', { role: 'member' });
		const refused = await api('POST', `/signings/${signing.id}/cancel`);
		assert.deepEqual([refused.status, refused.json], [403, { message: 'This action is unauthorized.' }]);
		await admin(sandbox, 'POST', 'role', { role: 'admin' });
		const cancelled = await api('POST', `/signings/${signing.id}/cancel`);
		assert.equal(cancelled.json.data.status, 'cancelled');
		assert.ok((await eventsFor('signing.cancelled', 1)).some((delivery) => delivery.data.id === signing.id));
		assert.equal((await api('POST', `/signings/${signing.id}/cancel`)).status, 400);
	});
});

describe('admin: files a workflow posts back', () => {
	test('POST files keeps the checksum of the raw bytes; GET lists them; reset-stats clears them', async () => {
		const answer = await sandbox.call({ method: 'POST', path: '/__sandbox/files', body: PDF, headers: { 'content-type': 'application/pdf' } });
		assert.equal(answer.status, 200);
		assert.deepEqual({ ...answer.json, at: undefined }, { sha256: sha256(PDF), size: PDF.length, content_type: 'application/pdf', at: undefined });
		assert.equal((await admin(sandbox, 'GET', 'files')).json.at(-1).sha256, sha256(PDF));
		await admin(sandbox, 'POST', 'reset-stats');
		assert.deepEqual((await admin(sandbox, 'GET', 'files')).json, []);
	});
});
