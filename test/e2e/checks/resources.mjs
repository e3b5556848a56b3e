// One workflow per resource, run in the real n8n; the outputs must equal the sandbox's data.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';

import { ROOT } from '../../../scripts/stack/n8n-process.mjs';
import { byId, codeNode, deployWebhookWorkflow, krebitNode } from '../../../scripts/stack/workflows.mjs';

const PDF = readFileSync(join(ROOT, 'test/fixtures/agreement.pdf'));
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');
/** A Code node that gives each incoming item the fixture PDF as binary `data`. */
const attachPdf = codeNode(
	'Attach PDF',
	`return $input.all().map((item) => ({ json: item.json, binary: { data: { data: '${PDF.toString('base64')}', mimeType: 'application/pdf', fileName: 'agreement.pdf' } } }));`,
);

export function resourceChecks(ctx) {
	const node = (name, parameters, settings) => krebitNode(name, ctx.clientCredential, parameters, settings);
	const run = async (path, nodes, body) => {
		const { call } = await deployWebhookWorkflow(ctx.rest, `e2e: ${path}`, path, nodes);
		const response = await call(body);
		assert.equal(response.status, 200, JSON.stringify(response.body).slice(0, 400));
		return response.body;
	};

	it('Client > Get Many, Return All: every client, in Krebit\'s order, over more pages than the cap', async () => {
		await ctx.krebit.admin('POST', '/reset-stats');
		const expected = await ctx.krebit.all('/clients');
		await ctx.krebit.admin('POST', '/reset-stats');
		const out = await run('e2e-clients-all', [node('Clients', { resource: 'client', operation: 'getAll', returnAll: true, simplify: false })]);
		assert.equal(out.length, expected.length);
		assert.deepEqual(out, expected);
		const state = await ctx.krebit.state();
		assert.ok(state.apiRequests >= Math.ceil(expected.length / 100), `${state.apiRequests} requests for ${expected.length} clients`);
	});

	it('Client > Get Many with Limit 7, and Client > Get of one client (full profile)', async () => {
		const firstSeven = (await ctx.krebit.api('/clients?limit=7&page=1')).data;
		assert.deepEqual(await run('e2e-clients-limit', [node('Clients', { resource: 'client', operation: 'getAll', returnAll: false, limit: 7, simplify: false })]), firstSeven);
		const profile = (await ctx.krebit.api('/clients/42')).data;
		assert.deepEqual(await run('e2e-client-get', [node('Client', { resource: 'client', operation: 'get', clientId: byId(42) })]), [profile]);
	});

	it('Act > Get Many, Get, Get Latest and Get Data Points', async () => {
		const recent = (await ctx.krebit.api('/acts?limit=5&page=1')).data;
		assert.deepEqual(await run('e2e-acts', [node('Acts', { resource: 'act', operation: 'getAll', returnAll: false, limit: 5 })]), recent);
		const act = recent[0];
		assert.deepEqual(await run('e2e-act-get', [node('Act', { resource: 'act', operation: 'get', actId: byId(act.uuid) })]), [act]);
		const latest = (await ctx.krebit.api(`/clients/${act.client_id}/acts/latest`)).data;
		assert.deepEqual(await run('e2e-act-latest', [node('Latest', { resource: 'act', operation: 'getLatest', clientId: byId(act.client_id) })]), [latest]);
		const points = (await ctx.krebit.api(`/acts/${act.uuid}/data`)).data;
		assert.ok(points.length > 0);
		const out = await run('e2e-act-points', [node('Points', { resource: 'act', operation: 'getDataPoints', actId: byId(act.uuid), output: 'items' })]);
		assert.deepEqual(out, points.map((point) => ({ ...point, act_uuid: act.uuid, client_id: act.client_id })));
	});

	it('Template > Get Many and Get, with its tabs > sections > fields tree', async () => {
		const templates = (await ctx.krebit.api('/templates?limit=100&page=1')).data;
		assert.equal(templates.length, 3);
		assert.deepEqual(await run('e2e-templates', [node('Templates', { resource: 'template', operation: 'getAll', returnAll: true })]), templates);
		const tree = (await ctx.krebit.api(`/templates/${templates[0].id}`)).data;
		assert.ok(tree.tabs[0].sections[0].fields.length > 0);
		assert.deepEqual(await run('e2e-template-get', [node('Template', { resource: 'template', operation: 'get', templateId: byId(templates[0].id) })]), [tree]);
	});

	it('Webhook > Create, Get Many and Delete, with no secret in any output', async () => {
		const target = 'https://hooks.example.com/krebit-e2e';
		const [made] = await run('e2e-webhook-create', [node('Create', { resource: 'webhook', operation: 'create', event: 'act.created', target })]);
		assert.equal(made.target, target);
		const stored = (await ctx.krebit.state()).subscriptions.find((s) => String(s.id) === String(made.id));
		assert.equal(stored?.target, target);
		assert.ok(!JSON.stringify(made).includes(stored.secret), 'the signing secret is not in the output');
		const listed = await run('e2e-webhook-list', [node('List', { resource: 'webhook', operation: 'getAll', returnAll: true })]);
		assert.ok(listed.some((s) => String(s.id) === String(made.id)));
		assert.ok(!JSON.stringify(listed).includes(stored.secret));
		await run('e2e-webhook-delete', [node('Delete', { resource: 'webhook', operation: 'delete', webhookId: byId(made.id) })]);
		assert.ok(!(await ctx.krebit.state()).subscriptions.some((s) => String(s.id) === String(made.id)));
	});

	it('Signing > Create Draft and Upload Document: the PDF bytes arrive unchanged, also as the first call after a token expiry', async () => {
		const [draft] = await run('e2e-signing', [
			node('Draft', { resource: 'signing', operation: 'create', name: 'E2E agreement', language: 'SV', signingOrder: 'parallel', message: 'Hej!' }),
			attachPdf,
			node('Upload', { resource: 'signing', operation: 'uploadDocument', signingId: byId('={{ $json.id }}'), binaryPropertyName: 'data' }),
		]);
		assert.ok(draft, 'the upload answered');
		const signings = (await ctx.krebit.state()).uploads;
		assert.equal(signings.at(-1).sha256, sha256(PDF));
		assert.equal(signings.at(-1).size, PDF.length);
		const signingId = signings.at(-1).signing_id;

		const { call } = await deployWebhookWorkflow(ctx.rest, 'e2e: upload after expiry', 'e2e-upload-expiry', [
			attachPdf,
			node('Upload', { resource: 'signing', operation: 'uploadDocument', signingId: byId('={{ $json.body.signingId }}'), binaryPropertyName: 'data' }),
		]);
		await ctx.krebit.admin('POST', '/expire-tokens');
		const response = await call({ signingId });
		assert.equal(response.status, 200, JSON.stringify(response.body).slice(0, 400));
		const uploads = (await ctx.krebit.state()).uploads;
		assert.equal(uploads.length, signings.length + 1);
		assert.equal(uploads.at(-1).sha256, sha256(PDF));
	});

	it('a Krebit error carries its request_id, and Continue On Fail keeps item order', async () => {
		const out = await run('e2e-errors', [
			codeNode('Ids', 'return [1, 2, 99999999, 4].map((id) => ({ json: { id } }));'),
			node('Client', { resource: 'client', operation: 'get', clientId: byId('={{ $json.id }}') }, { onError: 'continueRegularOutput' }),
		]);
		assert.equal(out.length, 4);
		assert.deepEqual([out[0].id, out[1].id, out[3].id], [1, 2, 4]);
		assert.match(out[2].error, /not found|no client/i);
		assert.match(out[2].description, /request ID: [\w-]+/i);
		assert.doesNotMatch(JSON.stringify(out), /Bearer|krebit-sandbox-secret/);
	});
}
