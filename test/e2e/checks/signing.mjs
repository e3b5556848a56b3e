// Krebit Sign end to end in a real n8n: a workflow makes a draft, uploads the PDF, adds two
// recipients and sends it; the sandbox's recipients sign; the Krebit Trigger gets
// signing.document.completed and a workflow downloads the sealed PDF and hands it to the next
// node (an HTTP Request that posts it back to the sandbox), byte for byte. And Client > Get by
// Org Number on 10,000 clients.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';

import { DEMO_SIGNERS, fetchSealedWorkflow, sendSigningNodes } from '../../../scripts/stack/demo-content.mjs';
import { ROOT } from '../../../scripts/stack/n8n-process.mjs';
import { eventually } from '../../../scripts/stack/wait.mjs';
import { deployWebhookWorkflow, krebitNode, triggerWorkflow } from '../../../scripts/stack/workflows.mjs';

const PDF = readFileSync(join(ROOT, 'test/fixtures/agreement.pdf'));

/** n8n's HTTP Request node posting the binary field `data` as the body. */
function postFileNode(name, url) {
	return {
		id: `${name}-id`,
		name,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: [0, 0],
		parameters: { method: 'POST', url, sendBody: true, contentType: 'binaryData', inputDataFieldName: 'data', options: {} },
	};
}

export function signingChecks(ctx) {
	const node = (name, parameters, settings) => krebitNode(name, ctx.clientCredential, parameters, settings);
	/** The demo's own "send a signing" workflow, started by a webhook instead of a click (deployed once). */
	let sender;
	const sendSigning = async () => {
		sender ??= deployWebhookWorkflow(ctx.rest, 'e2e: send a signing', 'e2e-signing-send', sendSigningNodes(ctx.clientCredential));
		const response = await (await sender).call({});
		assert.equal(response.status, 200, JSON.stringify(response.body).slice(0, 400));
		return response.body[0];
	};

	it('a workflow makes a draft, uploads the PDF, adds two recipients and sends it: live, signing.sent reaches a Krebit Trigger', async () => {
		const listener = triggerWorkflow(ctx.clientCredential, { events: ['signing.sent'], options: {} });
		const sentWorkflow = await ctx.rest.createWorkflow('e2e: on signing.sent', listener.nodes, listener.connections);
		await ctx.rest.activate(sentWorkflow);
		await eventually(async () => (await ctx.krebit.state()).subscriptions.some((s) => s.event === 'signing.sent' && s.target.includes(listener.webhookId)));
		const sent = await sendSigning();
		assert.equal(sent.status, 'sent');
		const signing = await ctx.krebit.admin('GET', `/signings/${sent.id}`);
		assert.deepEqual(signing.recipients.map(({ name, email, order }) => ({ name, email, order })), DEMO_SIGNERS.map((r, i) => ({ ...r, order: i + 1 })));
		assert.equal(signing.documents.length, 1);
		assert.equal(signing.documents[0].size, PDF.length);
		const executions = await eventually(async () => {
			const list = await ctx.rest.executions(sentWorkflow.id);
			return list.length > 0 ? list : undefined;
		}, 20_000);
		assert.equal(executions?.length, 1, 'one execution for signing.sent');
		const delivered = (await ctx.krebit.state()).deliveries.filter((d) => d.event === 'signing.sent' && d.target.includes(listener.webhookId));
		assert.deepEqual(delivered.map((d) => JSON.parse(d.body).data.id), [sent.id]);
		await ctx.rest.deactivate(sentWorkflow);
	});

	it('the recipients sign; the Krebit Trigger gets signing.document.completed and a workflow downloads the sealed PDF, byte for byte', async () => {
		const signing = await ctx.krebit.admin('GET', `/signings/${(await sendSigning()).id}`);
		// The demo's workflow, with an HTTP Request after it that posts the file to the sandbox.
		const built = fetchSealedWorkflow(ctx.clientCredential, [postFileNode('Store', 'https://demo.krebit.se/__sandbox/files')]);
		const workflow = await ctx.rest.createWorkflow('e2e: fetch the sealed PDF', built.nodes, built.connections);
		await ctx.rest.activate(workflow);
		await eventually(async () => (await ctx.krebit.state()).subscriptions.some((s) => s.event === 'signing.document.completed' && s.target.includes(built.webhookId)));
		await ctx.krebit.admin('POST', '/reset-stats');

		const signingId = signing.signing.id;
		for (const recipient of signing.recipients) await ctx.krebit.admin('POST', `/signings/${signingId}/recipients/${recipient.id}/sign`);
		const completed = await ctx.krebit.admin('GET', `/signings/${signingId}`);
		assert.equal(completed.signing.status, 'completed');
		const delivered = (await ctx.krebit.state()).deliveries.filter((d) => d.event === 'signing.document.completed' && d.target.includes(built.webhookId));
		assert.deepEqual(delivered.map((d) => d.attempts[0]?.status), [200]);

		const files = await eventually(async () => {
			const list = await ctx.krebit.admin('GET', '/files');
			return list.length > 0 ? list : undefined;
		}, 60_000);
		assert.ok(files, 'the workflow posted the downloaded file');
		const [sealed] = completed.documents;
		assert.equal(files[0].sha256, sealed.sealed_sha256);
		assert.equal(files[0].size, sealed.sealed_size);
		assert.equal(files[0].content_type, 'application/pdf');
		assert.notEqual(sealed.sealed_sha256, sealed.original_sha256);
		await ctx.rest.deactivate(workflow);
	});

	it('Client > Get by Org Number finds client 5,000 of 10,000 by its dashed org number', async () => {
		const wanted = (await ctx.krebit.api('/clients/5000')).data;
		assert.match(wanted.org_number, /^\d{6}-\d{4}$/);
		const { call } = await deployWebhookWorkflow(ctx.rest, 'e2e: client by org number', 'e2e-client-org-number', [
			node('Lookup', { resource: 'client', operation: 'getByOrgNumber', orgNumber: wanted.org_number }),
		]);
		await ctx.krebit.admin('POST', '/reset-stats');
		const response = await call({});
		const state = await ctx.krebit.state();
		assert.equal(response.status, 200);
		assert.deepEqual(response.body.map((client) => client.id), [5000]);
		assert.equal(response.body[0].org_number, wanted.org_number);
		const requests = state.apiRequestLog.filter((line) => line.startsWith('GET /clients'));
		console.log(`# Get by Org Number: client 5000 of ${(await ctx.krebit.state()).counts.clients} found with ${state.apiRequests} API request(s): ${requests.join(', ')}`);
		assert.equal(state.apiRequests, 1);
	});
}
