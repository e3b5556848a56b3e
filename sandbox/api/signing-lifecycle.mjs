// Krebit Sign routes after the draft: recipients, send, reminders, cancel, documents, download.
import { notFound, parseFields, readBody, reply } from '../http.mjs';
import {
	addRecipient,
	cancelSigning,
	documentSummary,
	recipientsOf,
	remindRecipients,
	removeRecipient,
	sealedDocument,
	sendSigning,
} from '../signing-flow.mjs';
import { pushCapped } from '../state.mjs';
import { paginate } from './pagination.mjs';

function signingOf(tenant, id) {
	const signing = tenant.signingsById.get(id.toLowerCase());
	if (!signing) throw notFound('Signing');
	return signing;
}

async function jsonBody(req) {
	return parseFields(await readBody(req, 64 * 1024), req.headers['content-type'] ?? 'application/json').values;
}

/** Delivers in the background: the API answers without waiting for the webhook's target. */
function announce({ deliverer, tenant }, event, data) {
	void deliverer.deliver(tenant, event, data);
}

export const signingLifecycleRoutes = [
	{
		method: 'GET',
		pattern: /^\/signings\/(?<id>[^/]+)\/recipients$/,
		handle: (ctx, { id }) => reply(200, paginate(ctx, recipientsOf(signingOf(ctx.tenant, id)))),
	},
	{
		method: 'POST',
		pattern: /^\/signings\/(?<id>[^/]+)\/recipients$/,
		handle: async ({ tenant, req }, { id }) => {
			const values = await jsonBody(req);
			return reply(201, { data: addRecipient(tenant, signingOf(tenant, id), values) });
		},
	},
	{
		method: 'DELETE',
		pattern: /^\/signings\/(?<id>[^/]+)\/recipients\/(?<recipientId>[^/]+)$/,
		handle: ({ tenant }, { id, recipientId }) => {
			removeRecipient(tenant, signingOf(tenant, id), recipientId);
			return reply(204);
		},
	},
	{
		method: 'POST',
		pattern: /^\/signings\/(?<id>[^/]+)\/send$/,
		handle: async (ctx, { id }) => {
			await readBody(ctx.req, 64 * 1024);
			const signing = sendSigning(ctx.tenant, signingOf(ctx.tenant, id));
			announce(ctx, 'signing.sent', signing);
			return reply(200, { data: signing });
		},
	},
	{
		method: 'POST',
		pattern: /^\/signings\/(?<id>[^/]+)\/reminders$/,
		handle: async (ctx, { id }) => {
			await readBody(ctx.req, 64 * 1024);
			const signing = signingOf(ctx.tenant, id);
			const recipients = remindRecipients(signing);
			pushCapped(ctx.state.reminders, { tenant: ctx.tenant.label, signing_id: signing.id, recipients: recipients.map((each) => each.id) });
			announce(ctx, 'signing.reminder.dispatched', { signing_id: signing.id, recipients });
			// 202 Accepted, no body: the reminders go out afterwards.
			return reply(202);
		},
	},
	{
		method: 'POST',
		pattern: /^\/signings\/(?<id>[^/]+)\/cancel$/,
		handle: async (ctx, { id }) => {
			await readBody(ctx.req, 64 * 1024);
			const signing = cancelSigning(ctx.tenant, signingOf(ctx.tenant, id));
			announce(ctx, 'signing.cancelled', signing);
			return reply(200, { data: signing });
		},
	},
	{
		method: 'GET',
		pattern: /^\/signings\/(?<id>[^/]+)\/documents$/,
		handle: (ctx, { id }) => {
			const signing = signingOf(ctx.tenant, id);
			return reply(200, paginate(ctx, signing.documents.map((document) => documentSummary(signing, document))));
		},
	},
	{
		method: 'GET',
		pattern: /^\/signings\/(?<id>[^/]+)\/documents\/(?<documentId>[^/]+)\/download$/,
		handle: ({ tenant }, { id, documentId }) => {
			const { bytes, fileName } = sealedDocument(signingOf(tenant, id), documentId);
			return reply(200, bytes, {
				'content-type': 'application/pdf',
				'content-disposition': `attachment; filename="${fileName}"`,
			});
		},
	},
];
