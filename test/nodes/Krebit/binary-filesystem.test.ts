/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test setup, never shipped: n8n's filesystem binary mode needs a folder */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// n8n-core's own copy of the DI container (the top-level @n8n/di is another version).
import { Container } from 'n8n-core/node_modules/@n8n/di';
import { BinaryDataService } from 'n8n-core';
import nock from 'nock';

import { fixture } from '../../harness/fixtures';
import { KREBIT } from '../../harness/krebit-harness';
import { runKrebit } from './helpers';

// n8n's filesystem binary mode (N8N_DEFAULT_BINARY_DATA_MODE=filesystem, 2.x's default outside
// queue mode): the file goes to disk and the item holds a reference, not the bytes.
const SIGNING = 'sig-1';
const DOCUMENT = 'doc-1';
const SEALED = Buffer.concat([fixture('agreement.pdf'), Buffer.from('\n%Krebit seal\n%%EOF\n', 'latin1')]);

const storagePath = mkdtempSync(join(tmpdir(), 'krebit-binary-'));

beforeAll(async () => {
	const service = Container.get(BinaryDataService);
	const config = (service as unknown as { config: { mode: string; localStoragePath: string } }).config;
	config.mode = 'filesystem';
	config.localStoragePath = storagePath;
	await service.init();
});

test('Download Document in filesystem mode: a stored file with the sealed bytes, the MIME type and the size', async () => {
	nock(KREBIT)
		.get(`/api/1.0/signings/${SIGNING}/documents/${DOCUMENT}/download`)
		.reply(200, SEALED, { 'Content-Type': 'application/pdf', 'Content-Disposition': 'attachment; filename="avtal-signed.pdf"' });
	const run = await runKrebit({ resource: 'signing', operation: 'downloadDocument', signingId: SIGNING, documentId: DOCUMENT, binaryPropertyName: 'data' });
	expect(run.error('Krebit')).toBeUndefined();
	const [item] = run.output('Krebit');
	const binary = item.binary!.data;
	expect(binary.id).toMatch(/^filesystem(-v2)?:/);
	expect(binary).toMatchObject({ mimeType: 'application/pdf', fileName: 'avtal-signed.pdf', bytes: SEALED.length });
	expect(item.pairedItem).toEqual({ item: 0 });
	const stored = await Container.get(BinaryDataService).getAsBuffer(binary);
	expect(stored.equals(SEALED)).toBe(true);
	expect(readdirSync(storagePath, { recursive: true }).length).toBeGreaterThan(0);
});

afterAll(() => nock.restore());
