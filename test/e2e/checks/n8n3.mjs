// What n8n 3.0 changes for a user of the package, checked on 2.41 (run.mjs --n8n3-defaults sets
// the variables): binary data kept by n8n on disk instead of in memory, and unverified
// community packages refused.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';

import { ROOT, extraFromEnvironment } from '../../../scripts/stack/n8n-process.mjs';
import { flattedParser } from '../../../scripts/stack/stack.mjs';
import { eventually } from '../../../scripts/stack/wait.mjs';
import { byId, codeNode, deployWebhookWorkflow, krebitNode } from '../../../scripts/stack/workflows.mjs';

const PDF = readFileSync(join(ROOT, 'test/fixtures/agreement.pdf'));
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

export function n8n3Checks(ctx) {
	// The settings every n8n of this run gets (N8N_E2E_N8N_ENV), known before n8n starts.
	const setting = (name) => extraFromEnvironment()[name];

	// A Code node's inline binary never reaches the binary data store; Convert to File stores
	// the file the way n8n stores any file (a webhook upload, a download), in the configured mode.
	it('Signing > Upload Document of a file n8n keeps in its binary data store: the bytes arrive unchanged (filesystem mode with the 3.0 defaults)', async () => {
		const node = (name, parameters) => krebitNode(name, ctx.clientCredential, parameters);
		const { workflow, call } = await deployWebhookWorkflow(ctx.rest, 'e2e: upload a stored file', 'e2e-upload-stored', [
			node('Draft', { resource: 'signing', operation: 'create', name: 'E2E stored file', language: 'EN', signingOrder: 'parallel', message: 'Hello' }),
			codeNode('PDF as base64', `return $input.all().map((item) => ({ json: { ...item.json, pdf: '${PDF.toString('base64')}' } }));`),
			{ id: 'convert-to-file', name: 'Convert to File', type: 'n8n-nodes-base.convertToFile', typeVersion: 1.1, position: [0, 0], parameters: { operation: 'toBinary', sourceProperty: 'pdf', binaryPropertyName: 'data', options: { fileName: 'agreement.pdf', mimeType: 'application/pdf' } } },
			// Convert to File gives items with the file only: the signing ID comes from the draft.
			node('Upload', { resource: 'signing', operation: 'uploadDocument', signingId: byId("={{ $('Draft').item.json.id }}"), binaryPropertyName: 'data' }),
		]);
		const response = await call({});
		const [summary] = await eventually(async () => {
			const list = await ctx.rest.executions(workflow.id);
			return list.length && !['new', 'running'].includes(list[0].status) ? list : undefined;
		});
		const execution = await ctx.rest.execution(summary.id, flattedParser(ctx.n8n.installDir));
		const { error, lastNodeExecuted } = execution.data.resultData;
		assert.equal(response.status, 200, `${lastNodeExecuted}: ${error?.message} ${error?.description ?? ''}`);
		assert.equal((await ctx.krebit.state()).uploads.at(-1).sha256, sha256(PDF));
		const stored = execution.data.resultData.runData['Convert to File'][0].data.main[0][0].binary.data;
		const mode = setting('N8N_DEFAULT_BINARY_DATA_MODE');
		if (mode) assert.match(String(stored.id), new RegExp(`^${mode}`), `the file is not in n8n's ${mode} store: ${JSON.stringify({ ...stored, data: undefined })}`);
	});

	it('with unverified packages off, Settings > Community Nodes refuses to install the package; the copy already installed still loads in 2.41', { skip: setting('N8N_UNVERIFIED_PACKAGES_ENABLED') !== 'false' }, async () => {
		const install = await ctx.rest.call('POST', '/rest/community-packages', { name: 'n8n-nodes-krebit' }, { raw: true });
		assert.notEqual(install.status, 200);
		assert.match(JSON.stringify(install.body), /Installation of unverified community packages is forbidden/);
		const types = await ctx.rest.call('GET', '/types/nodes.json');
		assert.ok(types.some((type) => type.name === 'n8n-nodes-krebit.krebit'), 'the installed package did not load');
	});
}
