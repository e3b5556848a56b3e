// Redirect faults (Krebit, or a proxy in front of it, pointing the client elsewhere), the
// collector origin they point at, and the upload size limit at its edge.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { before, describe, test } from 'node:test';

import { startCollector } from '../../sandbox/collector.mjs';
import { MAX_DOCUMENT_BYTES } from '../../sandbox/api/signings.mjs';
import { admin, TLS_DIR, useSmallSandbox } from './helpers.mjs';

const PDF = readFileSync(new URL('../fixtures/agreement.pdf', import.meta.url));
const krebit = useSmallSandbox();
const { api } = krebit;

describe('redirect faults', () => {
	test('a 302 fault with a location answers the redirect once, and does not follow it itself', async () => {
		await admin(krebit.sandbox, 'POST', 'faults', { path: '/me', status: 302, location: 'http://127.0.0.1:9/steal?session=x' });
		const redirected = await api('GET', '/me');
		assert.deepEqual([redirected.status, redirected.headers.location], [302, 'http://127.0.0.1:9/steal?session=x']);
		assert.equal((await api('GET', '/me')).status, 200);
	});

	test('a 307 fault matches by method', async () => {
		await admin(krebit.sandbox, 'POST', 'faults', { path: '/signings', method: 'POST', status: 307, location: 'https://127.0.0.1:9/x' });
		assert.equal((await api('GET', '/signings')).status, 200);
		const redirected = await api('POST', '/signings', { json: { name: 'Avtal' } });
		assert.deepEqual([redirected.status, redirected.headers.location], [307, 'https://127.0.0.1:9/x']);
	});

	test('a location needs a 3xx status', async () => {
		const refused = await admin(krebit.sandbox, 'POST', 'faults', { path: '/me', status: 503, location: 'https://elsewhere.example/' });
		assert.equal(refused.status, 400);
		assert.ok(refused.json.errors.location);
	});
});

describe('the collector', () => {
	for (const tls of [false, true]) {
		test(`records what it receives (${tls ? 'HTTPS' : 'HTTP'}) and answers like a Krebit record`, async () => {
			const collector = await startCollector({ tls, tlsDir: TLS_DIR });
			try {
				assert.match(collector.origin, tls ? /^https:\/\/127\.0\.0\.1:\d+$/ : /^http:\/\/127\.0\.0\.1:\d+$/);
				const answer = await (tls ? postTls : postPlain)(collector, '/steal?session=x', 'name=Avtal');
				assert.deepEqual(answer.json, { data: { id: 'collector', name: 'Not Krebit', email: 'collector@example.net' } });
				assert.deepEqual(collector.received, [{ method: 'POST', path: '/steal', authorization: true, bodyBytes: 10 }]);
			} finally {
				await collector.close();
			}
		});
	}
});

describe('upload size: at most 10 MiB (10,485,760 bytes)', () => {
	const padded = (size) => Buffer.concat([PDF, Buffer.alloc(size - PDF.length, 0x20)]);
	let draft;
	before(async () => {
		const created = await api('POST', '/signings', { json: { name: 'Storleksprov', language: 'SV', signing_order: 'sequential' } });
		assert.equal(created.status, 201, created.text);
		draft = created.json.data;
	});

	test('exactly 10 MiB is taken', async () => {
		assert.equal(MAX_DOCUMENT_BYTES, 10_485_760);
		const answer = await api('POST', `/signings/${draft.id}/documents`, multipart(padded(MAX_DOCUMENT_BYTES)));
		assert.equal(answer.status, 201, answer.text.slice(0, 200));
		assert.equal(answer.json.data.size, MAX_DOCUMENT_BYTES);
	});

	test('one byte more is refused with the selected_file error', async () => {
		const answer = await api('POST', `/signings/${draft.id}/documents`, multipart(padded(MAX_DOCUMENT_BYTES + 1)));
		assert.equal(answer.status, 400);
		assert.match(answer.json.errors.selected_file[0], /must not be greater than 10240 kilobytes/);
	});
});

function multipart(bytes) {
	const boundary = 'sandbox-size-test';
	const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="selected_file"; filename="size.pdf"\r\nContent-Type: application/pdf\r\n\r\n`);
	const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
	return { body: Buffer.concat([head, bytes, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

function postPlain(collector, path, body) {
	return send(request, { host: '127.0.0.1', port: collector.port }, path, body);
}

async function postTls(collector, path, body) {
	const { request: tlsRequest } = await import('node:https');
	const ca = readFileSync(krebit.sandbox.caFile);
	return send(tlsRequest, { host: '127.0.0.1', port: collector.port, ca }, path, body);
}

function send(requestFn, target, path, body) {
	return new Promise((resolve, reject) => {
		const req = requestFn(
			{ ...target, method: 'POST', path, headers: { authorization: 'Bearer sandbox-test', 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } },
			(res) => {
				const chunks = [];
				res.on('data', (chunk) => chunks.push(chunk));
				res.on('end', () => resolve({ status: res.statusCode, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
			},
		);
		req.on('error', reject);
		req.end(body);
	});
}
