// Webhook subscriptions (create, list without secrets, delete) and Krebit Sign: drafts and the
// checks on uploaded documents.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';

import { admin, useSmallSandbox } from './helpers.mjs';

const PDF = readFileSync(new URL('../fixtures/agreement.pdf', import.meta.url));
const krebit = useSmallSandbox();
const { api } = krebit;

describe('webhooks', () => {
	test('create answers 201 with the secret; the list never shows it; delete answers 204, then 404', async () => {
		const created = await api('POST', '/webhooks', { json: { event: 'act.created', target: 'https://n8n.example.com/webhook/abc/webhook' } });
		assert.equal(created.status, 201);
		const { id, event, target, secret, created_at } = created.json.data;
		assert.deepEqual({ event, target }, { event: 'act.created', target: 'https://n8n.example.com/webhook/abc/webhook' });
		assert.match(secret, /^[0-9a-f]{64}$/);
		assert.ok(created_at);

		const list = await api('GET', '/webhooks');
		assert.deepEqual(list.json.data, [{ id, event, target, created_at }]);
		assert.equal(list.json.meta.total, 1);
		assert.ok(!list.text.includes(secret));

		assert.equal((await api('DELETE', `/webhooks/${id}`)).status, 204);
		const again = await api('DELETE', `/webhooks/${id}`);
		assert.equal(again.status, 404);
		assert.deepEqual(again.json, { message: 'Webhook not found.' });
	});

	test('a missing or invalid event and a target that is not http(s) are 400 with field errors', async () => {
		const missing = await api('POST', '/webhooks', { json: { target: 'ftp://example.com/x' } });
		assert.equal(missing.status, 400);
		assert.deepEqual(Object.keys(missing.json.errors).sort(), ['event', 'target']);
		const invalid = await api('POST', '/webhooks', { json: { event: 'act created!', target: 'http://127.0.0.1:5678/hook' } });
		assert.equal(invalid.status, 400);
		assert.deepEqual(Object.keys(invalid.json.errors), ['event']);
		assert.equal((await api('POST', '/webhooks', { json: { event: 'signing.document.completed', target: 'http://127.0.0.1:5678/hook' } })).status, 201);
	});
});

function multipart(fileBytes, { field = 'selected_file', filename = 'agreement.pdf' } = {}) {
	const boundary = '----krebit-test-boundary';
	const body = Buffer.concat([
		Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: application/pdf\r\n\r\n`),
		fileBytes,
		Buffer.from(`\r\n--${boundary}--\r\n`),
	]);
	return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('signings', () => {
	let draft;
	test('a draft is created with 201; bad fields are 400 with a field error each', async () => {
		const created = await api('POST', '/signings', { json: { name: 'Kreditavtal Bergström Bygg AB', language: 'SV', signing_order: 'parallel', message: 'Hej!' } });
		assert.equal(created.status, 201);
		draft = created.json.data;
		assert.deepEqual(Object.keys(draft), ['id', 'name', 'status', 'language', 'signing_order', 'message', 'documents', 'created_at', 'updated_at']);
		assert.deepEqual([draft.status, draft.language, draft.signing_order, draft.documents], ['draft', 'SV', 'parallel', []]);

		const bad = await api('POST', '/signings', { json: { name: '', language: 'DE', signing_order: 'random', message: 'x'.repeat(401) } });
		assert.equal(bad.status, 400);
		assert.deepEqual(Object.keys(bad.json.errors).sort(), ['language', 'message', 'name', 'signing_order']);

		const list = (await api('GET', '/signings?limit=50')).json;
		assert.equal(list.meta.total, 26);
		assert.equal(list.data[0].id, draft.id);
		assert.deepEqual((await api('GET', `/signings/${draft.id}`)).json.data, draft);
	});

	test('a PDF upload is 201 with its sha256, shows on the signing and in the admin state', async () => {
		await admin(krebit.sandbox, 'POST', 'reset-stats');
		const answer = await api('POST', `/signings/${draft.id}/documents`, multipart(PDF, { filename: 'Avtal – Bergström.pdf' }));
		assert.equal(answer.status, 201, answer.text);
		const sha256 = createHash('sha256').update(PDF).digest('hex');
		assert.deepEqual({ ...answer.json.data, id: undefined }, { id: undefined, name: 'Avtal – Bergström.pdf', size: PDF.length, sha256 });
		assert.deepEqual((await api('GET', `/signings/${draft.id}`)).json.data.documents, [answer.json.data]);
		const { uploads } = (await admin(krebit.sandbox, 'GET', 'state')).json;
		assert.deepEqual(uploads, [{ tenant: 'demo', signing_id: draft.id, name: 'Avtal – Bergström.pdf', size: PDF.length, sha256 }]);
	});

	const refusals = [
		['not a PDF', Buffer.from('PK\u0003\u0004 a zip file'), /type: pdf/],
		['an encrypted PDF', Buffer.from('%PDF-1.7\n1 0 obj << /Encrypt 2 0 R >> endobj\n%%EOF'), /password/],
		['a signed PDF (/ByteRange)', Buffer.from('%PDF-1.7\n1 0 obj << /ByteRange [0 10 20 30] >> endobj\n%%EOF'), /already signed/],
		['a signed PDF (/Sig)', Buffer.from('%PDF-1.7\n1 0 obj << /Type /Sig >> endobj\n%%EOF'), /already signed/],
		['a PDF over 10 MB', Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(10 * 1024 * 1024)]), /10240 kilobytes/],
	];
	for (const [what, bytes, message] of refusals) {
		test(`${what} is refused with a selected_file error`, async () => {
			const answer = await api('POST', `/signings/${draft.id}/documents`, multipart(bytes));
			assert.equal(answer.status, 400);
			assert.match(answer.json.errors.selected_file[0], message);
		});
	}

	test('a body without the selected_file field, or an unknown signing, is refused', async () => {
		const noFile = await api('POST', `/signings/${draft.id}/documents`, multipart(PDF, { field: 'file' }));
		assert.equal(noFile.status, 400);
		assert.match(noFile.json.errors.selected_file[0], /required/);
		const unknown = await api('POST', '/signings/00000000-0000-4000-8000-000000000000/documents', multipart(PDF));
		assert.deepEqual([unknown.status, unknown.json], [404, { message: 'Signing not found.' }]);
	});

	test('admin: a signing made and its status changed moves updated_at forward', async () => {
		const { signing } = (await admin(krebit.sandbox, 'POST', 'signings', { name: 'Polling test' })).json;
		assert.equal(signing.status, 'draft');
		const changed = (await admin(krebit.sandbox, 'POST', `signings/${signing.id}/status`, { status: 'sent' })).json.signing;
		assert.equal(changed.status, 'sent');
		assert.ok(changed.updated_at > signing.updated_at);
		assert.equal((await api('GET', `/signings/${signing.id}`)).json.data.status, 'sent');
		assert.equal((await admin(krebit.sandbox, 'POST', `signings/${signing.id}/status`, { status: 'lost' })).status, 400);
		const locked = await api('POST', `/signings/${signing.id}/documents`, multipart(PDF));
		assert.match(locked.json.errors.selected_file[0], /cannot_be_edited/);
	});

	test('admin: a client made gets the highest id', async () => {
		const { client } = (await admin(krebit.sandbox, 'POST', 'clients', { company_name: 'Åkesson & Öberg AB' })).json;
		assert.equal(client.id, 201);
		assert.equal(client.company_name, 'Åkesson & Öberg AB');
		const last = (await api('GET', '/clients?limit=50&page=5')).json;
		assert.deepEqual(last.data.at(-1), { id: 201, company_name: client.company_name, org_number: client.org_number, country: 'SE', updated_at: client.updated_at });
	});
});
