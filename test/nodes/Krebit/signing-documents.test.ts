import type { INodeExecutionData } from 'n8n-workflow';
import nock from 'nock';

import { fileNameFromDisposition } from '../../../nodes/Krebit/actions/signing/downloadDocument.operation';
import { fixture } from '../../harness/fixtures';
import { KREBIT } from '../../harness/krebit-harness';
import { answers } from './answers';
import { runKrebit } from './helpers';

const SIGNING = '0f6c3e8a-2b1d-4c5e-8f7a-9b0c1d2e3f40';
const DOCUMENT = '3c9d2e71-8a4b-4f0e-9d1c-2b3a4c5d6e7f';
const DOWNLOAD = `/api/1.0/signings/${SIGNING}/documents/${DOCUMENT}/download`;
const SEALED = Buffer.concat([fixture('agreement.pdf'), Buffer.from('\n%Krebit seal\n9 0 obj << /Type /Sig >> endobj\n%%EOF\n', 'latin1')]);
const byId = (value: string) => ({ __rl: true, mode: 'id', value });

export const download = {
	resource: 'signing',
	operation: 'downloadDocument',
	signingId: byId(SIGNING),
	documentId: byId(DOCUMENT),
	binaryPropertyName: 'data',
};

/** The bytes of an output item's binary field, as the next node would read them. */
export function bytesOf(item: INodeExecutionData, field = 'data'): Buffer {
	return Buffer.from(item.binary![field].data, 'base64');
}

describe('Signing > Download Document', () => {
	test('the sealed PDF as binary data: bytes, MIME type, Krebit\'s file name and size; paired with its input item', async () => {
		const scope = nock(KREBIT)
			.get(DOWNLOAD)
			.matchHeader('accept', /application\/pdf/)
			.reply(200, SEALED, { 'Content-Type': 'application/pdf', 'Content-Disposition': 'attachment; filename="kreditavtal-signed.pdf"' });
		const run = await runKrebit(download, [{ json: { a: 1 } }]);
		scope.done();
		expect(run.error('Krebit')).toBeUndefined();
		const [item] = run.output('Krebit');
		expect(item.json).toEqual({ signing_id: SIGNING, document_id: DOCUMENT, file_name: 'kreditavtal-signed.pdf', mime_type: 'application/pdf', size: SEALED.length });
		expect(item.pairedItem).toEqual({ item: 0 });
		const binary = item.binary!.data;
		expect(binary.mimeType).toBe('application/pdf');
		expect(binary.fileName).toBe('kreditavtal-signed.pdf');
		expect(binary.fileExtension).toBe('pdf');
		expect(binary.bytes ?? Buffer.from(binary.data, 'base64').length).toBe(SEALED.length);
		expect(bytesOf(item).equals(SEALED)).toBe(true);
	});

	test('another output field and file name; without Content-Disposition a name is made from the IDs', async () => {
		nock(KREBIT).get(DOWNLOAD).reply(200, SEALED, { 'Content-Type': 'application/pdf' });
		const named = await runKrebit({ ...download, binaryPropertyName: 'sealed', downloadOptions: { fileName: 'avtal.pdf' } });
		expect(named.output('Krebit')[0].binary!.sealed.fileName).toBe('avtal.pdf');
		expect(bytesOf(named.output('Krebit')[0], 'sealed').equals(SEALED)).toBe(true);

		nock(KREBIT).get(DOWNLOAD).reply(200, SEALED, { 'Content-Type': 'application/octet-stream' });
		const unnamed = await runKrebit(download);
		expect(unnamed.output('Krebit')[0].binary!.data).toMatchObject({ fileName: `signing-${SIGNING}-${DOCUMENT}.pdf`, mimeType: 'application/pdf' });
	});

	test('two input items give two files, each paired with its item', async () => {
		nock(KREBIT).get(DOWNLOAD).times(2).reply(200, SEALED, { 'Content-Type': 'application/pdf' });
		const run = await runKrebit(download, [{ json: {} }, { json: {} }]);
		expect(run.output('Krebit').map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(run.output('Krebit').every((item) => bytesOf(item).equals(SEALED))).toBe(true);
	});

	test('409 before completion: Krebit\'s message, and when a download works', async () => {
		nock(KREBIT)
			.get(DOWNLOAD)
			.reply(409, { message: 'The document is not sealed yet: the signing is sent.' }, { 'Content-Type': 'application/json', request_id: 'req-9' });
		const error = (await runKrebit(download)).error('Krebit')!;
		expect(error.message).toBe(`The document is not sealed yet: the signing is sent. (Krebit answered 409 to Download document ${DOCUMENT} of signing ${SIGNING})`);
		expect(error.description).toMatch(/^A document can be downloaded once every recipient has signed/);
		expect(error.description).toContain('Krebit request ID: req-9');
	});

	test('400 and 404 as JSON are read although bytes were asked for', async () => {
		nock(KREBIT).get(DOWNLOAD).reply(400, { message: 'The document is not completed.' }, { 'Content-Type': 'application/json' });
		expect((await runKrebit(download)).error('Krebit')?.message).toBe(
			`The document is not completed. (Krebit answered 400 to Download document ${DOCUMENT} of signing ${SIGNING})`,
		);
		nock(KREBIT).get(DOWNLOAD).reply(404, '', { 'Content-Type': 'application/json' });
		expect((await runKrebit(download)).error('Krebit')?.message).toBe(
			`No document ${DOCUMENT} on signing ${SIGNING} in this Krebit organization (Krebit answered 404)`,
		);
	});

	test('an answer that is not a PDF is an error, not a broken file', async () => {
		nock(KREBIT).get(DOWNLOAD).reply(200, { data: { status: 'pending' } }, { 'Content-Type': 'application/json' });
		const error = (await runKrebit(download)).error('Krebit')!;
		expect(error.message).toBe(`Krebit did not answer with a PDF for document ${DOCUMENT}`);
	});

	test('a download is a read: retried after 503', async () => {
		const krebit = answers('get', DOWNLOAD, [503, {}], [200, SEALED]);
		const run = await runKrebit(download);
		expect(krebit.calls).toBe(2);
		expect(bytesOf(run.output('Krebit')[0]).equals(SEALED)).toBe(true);
	});
});

describe('Signing > Get Many Documents', () => {
	const getDocuments = { resource: 'signing', operation: 'getDocuments', signingId: byId(SIGNING) };

	test('the documents with their status', async () => {
		const documents = [{ id: DOCUMENT, filename: 'kreditavtal.pdf', size: 1200, status: 'completed' }];
		nock(KREBIT)
			.get(`/api/1.0/signings/${SIGNING}/documents`)
			.query({ limit: 100, page: 1 })
			.reply(200, { data: documents, meta: { current_page: 1, last_page: 1, total: 1 } });
		expect((await runKrebit(getDocuments)).json('Krebit')).toEqual(documents);
	});

	test('a bare array that Krebit does not page (page 2 repeats it) gives each document once', async () => {
		const documents = [{ id: DOCUMENT, name: 'kreditavtal.pdf' }, { id: 'doc-2', name: 'bilaga.pdf' }];
		nock(KREBIT).get(`/api/1.0/signings/${SIGNING}/documents`).query(true).times(2).reply(200, documents);
		expect((await runKrebit(getDocuments)).json('Krebit')).toEqual(documents);
	});

	test('404 and 400', async () => {
		nock(KREBIT).get(`/api/1.0/signings/${SIGNING}/documents`).query(true).reply(404, { message: 'Signing not found.' });
		expect((await runKrebit(getDocuments)).error('Krebit')?.httpCode).toBe('404');
		nock(KREBIT).get(`/api/1.0/signings/${SIGNING}/documents`).query(true).reply(400, { message: 'Bad request.' });
		expect((await runKrebit(getDocuments)).error('Krebit')?.httpCode).toBe('400');
	});
});

describe('file names from Content-Disposition', () => {
	test.each([
		['attachment; filename="kreditavtal-signed.pdf"', 'kreditavtal-signed.pdf'],
		['attachment; filename=avtal.pdf', 'avtal.pdf'],
		["attachment; filename=\"avtal.pdf\"; filename*=UTF-8''Avtal%20%C3%85kesson.pdf", 'Avtal Åkesson.pdf'],
		['attachment; filename="../../etc/passwd.pdf"', 'passwd.pdf'],
		['inline', undefined],
		[undefined, undefined],
	])('%s gives %s', (header, name) => {
		expect(fileNameFromDisposition(header)).toBe(name);
	});
});

afterAll(() => nock.restore());
