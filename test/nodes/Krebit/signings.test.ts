import type { INodeExecutionData } from 'n8n-workflow';
import nock from 'nock';

import { FakeTokenServer } from '../../harness/token-server';
import { FakeList } from '../../harness/fake-lists';
import { fixture } from '../../harness/fixtures';
import { KREBIT } from '../../harness/krebit-harness';
import { runKrebit } from './helpers';

const SIGNING = '0f6c3e8a-2b1d-4c5e-8f7a-9b0c1d2e3f40';
const PDF = fixture('agreement.pdf');

function fileItem(content: Buffer, fileName: string, mimeType: string): INodeExecutionData {
	return { json: {}, binary: { data: { data: content.toString('base64'), mimeType, fileName } } };
}

const upload = { resource: 'signing', operation: 'uploadDocument', signingId: SIGNING, binaryPropertyName: 'data' };

describe('Signing > Create Draft', () => {
	test('posts name, language, signing order and message', async () => {
		const scope = nock(KREBIT)
			.post('/api/1.0/signings', {
				name: 'Kreditavtal Bergström Bygg AB',
				language: 'SV',
				signing_order: 'parallel',
				message: 'Vänligen signera avtalet.',
			})
			.reply(201, { data: { id: SIGNING, name: 'Kreditavtal Bergström Bygg AB', status: 'draft' } });
		const run = await runKrebit({
			resource: 'signing',
			operation: 'create',
			name: 'Kreditavtal Bergström Bygg AB',
			language: 'SV',
			signingOrder: 'parallel',
			message: 'Vänligen signera avtalet.',
		});
		scope.done();
		expect(run.json('Krebit')).toEqual([{ id: SIGNING, name: 'Kreditavtal Bergström Bygg AB', status: 'draft' }]);
	});

	test('without a message, none is sent; defaults are EN and sequential', async () => {
		const scope = nock(KREBIT)
			.post('/api/1.0/signings', (body) => JSON.stringify(body) === JSON.stringify({ name: 'Avtal', language: 'EN', signing_order: 'sequential' }))
			.reply(201, { id: SIGNING });
		const run = await runKrebit({ resource: 'signing', operation: 'create', name: 'Avtal' });
		scope.done();
		expect(run.json('Krebit')).toEqual([{ id: SIGNING }]);
	});

	test('a message of 401 characters is refused before sending; 400 is accepted', async () => {
		const tooLong = await runKrebit({ resource: 'signing', operation: 'create', name: 'Avtal', message: 'x'.repeat(401) });
		expect(tooLong.error('Krebit')?.message).toBe('The message is 401 characters; Krebit Sign allows at most 400');

		const scope = nock(KREBIT).post('/api/1.0/signings').reply(201, { id: SIGNING });
		const fits = await runKrebit({ resource: 'signing', operation: 'create', name: 'Avtal', message: 'x'.repeat(400) });
		scope.done();
		expect(fits.error('Krebit')).toBeUndefined();
	});
});

describe('Signing > Get and Get Many', () => {
	test('Get', async () => {
		nock(KREBIT).get(`/api/1.0/signings/${SIGNING}`).reply(200, { data: { id: SIGNING, status: 'sent' } });
		const run = await runKrebit({ resource: 'signing', operation: 'get', signingId: SIGNING });
		expect(run.json('Krebit')).toEqual([{ id: SIGNING, status: 'sent' }]);
	});

	test('Get Many with Return All', async () => {
		const signings = Array.from({ length: 130 }, (_, i) => ({ id: `s-${i}`, status: 'draft' }));
		const server = new FakeList('/signings', signings, { meta: true });
		const run = await runKrebit({ resource: 'signing', operation: 'getAll', returnAll: true });
		expect(run.json('Krebit')).toEqual(signings);
		expect(server.requests).toHaveLength(2);
	});
});

describe('Signing > Upload Document', () => {
	test('uploads a real PDF as multipart field selected_file', async () => {
		let received: Buffer | undefined;
		let contentType = '';
		const scope = nock(KREBIT)
			.post(`/api/1.0/signings/${SIGNING}/documents`)
			.reply(function (_uri, body) {
				contentType = String(this.req.headers['content-type']);
				received = Buffer.from(body as string, 'hex');
				return [201, { data: { id: 'doc-1', name: 'agreement.pdf', pages: 1 } }];
			});
		const run = await runKrebit(upload, [fileItem(PDF, 'agreement.pdf', 'application/pdf')]);
		scope.done();
		expect(run.error('Krebit')).toBeUndefined();
		expect(run.json('Krebit')).toEqual([{ id: 'doc-1', name: 'agreement.pdf', pages: 1 }]);

		const boundary = /^multipart\/form-data; boundary=(.+)$/.exec(contentType)?.[1];
		expect(boundary).toBeDefined();
		const text = received!.toString('latin1');
		expect(text).toContain(`--${boundary}\r\nContent-Disposition: form-data; name="selected_file"; filename="agreement.pdf"\r\nContent-Type: application/pdf\r\n\r\n`);
		expect(text.endsWith(`\r\n--${boundary}--\r\n`)).toBe(true);
		// The file's bytes arrive unchanged.
		const start = received!.indexOf('%PDF-');
		expect(received!.subarray(start, start + PDF.length).equals(PDF)).toBe(true);
	});

	test('a file that is not a PDF is refused before anything is sent', async () => {
		const run = await runKrebit(upload, [fileItem(Buffer.from('Name;Amount\nAcme;100\n'), 'clients.csv', 'text/csv')]);
		const error = run.error('Krebit')!;
		expect(error.message).toBe('The file "clients.csv" is not a PDF');
		expect(error.description).toMatch(/Nothing was sent to Krebit/);
	});

	test('a PDF over 10 MiB is refused before sending', async () => {
		const big = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]);
		const run = await runKrebit(upload, [fileItem(big, 'big.pdf', 'application/pdf')]);
		expect(run.error('Krebit')?.message).toBe(
			`The file "big.pdf" is ${(big.length).toLocaleString('en-US')} bytes; Krebit Sign takes PDFs of at most 10 MiB (10,485,760 bytes)`,
		);
	});

	test('a password-protected PDF is refused before sending', async () => {
		const locked = Buffer.from(PDF.toString('latin1').replace('/Root 1 0 R', '/Root 1 0 R /Encrypt 6 0 R'), 'latin1');
		const run = await runKrebit(upload, [fileItem(locked, 'locked.pdf', 'application/pdf')]);
		expect(run.error('Krebit')?.message).toMatch(/password-protected/);
	});

	test('an already signed PDF is refused before sending', async () => {
		const signed = Buffer.from(PDF.toString('latin1').replace('/Type /Catalog', '/Type /Catalog /Perms << /DocMDP << /ByteRange [0 10 20 30] >> >>'), 'latin1');
		const run = await runKrebit(upload, [fileItem(signed, 'signed.pdf', 'application/pdf')]);
		expect(run.error('Krebit')?.message).toBe('The file "signed.pdf" is already signed; Krebit Sign takes unsigned PDFs');
	});

	test('no binary field says which field is missing', async () => {
		const run = await runKrebit(upload, [{ json: {} }]);
		expect(run.error('Krebit')?.message).toMatch(/data/);
	});

	test('an upload that meets an expired token is sent again after the refresh', async () => {
		const tokens = new FakeTokenServer('/api/oauth/token');
		nock(KREBIT).post(`/api/1.0/signings/${SIGNING}/documents`).matchHeader('authorization', 'Bearer access-1').times(2).reply(401);
		const retried = nock(KREBIT)
			.post(`/api/1.0/signings/${SIGNING}/documents`, (body: string) => Buffer.from(body, 'hex').includes(PDF))
			.matchHeader('authorization', 'Bearer access-2')
			.reply(201, { id: 'doc-2' });
		const run = await runKrebit(upload, [fileItem(PDF, 'agreement.pdf', 'application/pdf')]);
		expect(run.error('Krebit')).toBeUndefined();
		expect(run.json('Krebit')).toEqual([{ id: 'doc-2' }]);
		retried.done();
		expect(tokens.requests).toHaveLength(1);
	});
});
