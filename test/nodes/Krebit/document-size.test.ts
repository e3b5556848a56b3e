import type { INodeExecutionData } from 'n8n-workflow';
import nock from 'nock';

import { fixture } from '../../harness/fixtures';
import { KREBIT } from '../../harness/krebit-harness';
import { runKrebit } from './helpers';

afterAll(() => nock.restore());

const SIGNING = '0f6c3e8a-2b1d-4c5e-8f7a-9b0c1d2e3f40';
const TEN_MIB = 10 * 1024 * 1024;
const upload = { resource: 'signing', operation: 'uploadDocument', signingId: SIGNING, binaryPropertyName: 'data' };

/** The fixture PDF padded (after %%EOF, as a PDF tolerates) to exactly `size` bytes. */
function pdfOfSize(size: number): Buffer {
	const pdf = fixture('agreement.pdf');
	return Buffer.concat([pdf, Buffer.alloc(size - pdf.length, 0x20)]);
}

function fileItem(content: Buffer, fileName: string): INodeExecutionData {
	return { json: {}, binary: { data: { data: content.toString('base64'), mimeType: 'application/pdf', fileName } } };
}

describe('Upload Document takes PDFs of at most 10 MiB (10,485,760 bytes), as the sandbox does', () => {
	test('a PDF of exactly 10 MiB is sent, whole', async () => {
		let receivedBytes = 0;
		const scope = nock(KREBIT)
			.post(`/api/1.0/signings/${SIGNING}/documents`)
			.reply((_uri, body) => {
				receivedBytes = Buffer.from(body as string, 'hex').length;
				return [201, { data: { id: 'doc-1', name: 'exact.pdf', size: TEN_MIB } }];
			});
		const run = await runKrebit(upload, [fileItem(pdfOfSize(TEN_MIB), 'exact.pdf')]);
		scope.done();
		expect(run.error('Krebit')).toBeUndefined();
		expect(run.json('Krebit')).toEqual([{ id: 'doc-1', name: 'exact.pdf', size: TEN_MIB }]);
		expect(receivedBytes).toBeGreaterThan(TEN_MIB);
	});

	test('one byte more is refused before anything is sent, naming the size and the limit in bytes', async () => {
		const run = await runKrebit(upload, [fileItem(pdfOfSize(TEN_MIB + 1), 'big.pdf')]);
		const error = run.error('Krebit');
		expect(error?.message).toBe('The file "big.pdf" is 10,485,761 bytes; Krebit Sign takes PDFs of at most 10 MiB (10,485,760 bytes)');
		expect(error?.description).toMatch(/Nothing was sent to Krebit/);
	});
});
