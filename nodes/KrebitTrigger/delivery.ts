import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { isValidSignature } from '../shared/signature';
import { CREDENTIAL_TYPE } from '../shared/transport/request';
import { headerValue, isJsonObject } from '../shared/values';
import { repairLostSubscriptions } from './repair';
import { nodeKeyOf, oneAtATime, remembered } from './inProcess';
import { staticDataOf } from './state';

/** How many accepted delivery ids each trigger node remembers in this n8n process. */
export const REMEMBERED_DELIVERIES = 1000;

/**
 * Accepted delivery ids per trigger node, in this n8n process only. Static data cannot hold
 * them: n8n does not save static data written while handling a request that starts a run.
 * So a repeat is refused within one process; across processes and restarts it is not.
 */
const recentInProcess = new Map<string, Set<string>>();

/** Records `id`; false if it was already there. Keeps the newest REMEMBERED_DELIVERIES. */
function firstTime(key: string, id: string): boolean {
	const seen = recentInProcess.get(key) ?? new Set<string>();
	recentInProcess.set(key, seen);
	if (seen.has(id)) return false;
	seen.add(id);
	// A Set iterates in insertion order: the first one is the oldest.
	if (seen.size > REMEMBERED_DELIVERIES) seen.delete(seen.values().next().value as string);
	return true;
}

/**
 * The bytes Krebit sent. n8n reads them before calling the node for the content types it parses;
 * for a webhook node above version 1 it leaves other types unread, so they are read here.
 */
async function rawBodyOf(context: IWebhookFunctions): Promise<Buffer | undefined> {
	const request = context.getRequestObject() as { rawBody?: unknown; readRawBody?: () => Promise<void> };
	if (!Buffer.isBuffer(request.rawBody) && typeof request.readRawBody === 'function') {
		try {
			await request.readRawBody();
		} catch {
			// Already consumed (multipart) or aborted: there is nothing to verify.
			return undefined;
		}
	}
	return Buffer.isBuffer(request.rawBody) ? request.rawBody : undefined;
}

/**
 * After the node's running steps in this process (an activation, a repair), whether the body
 * is signed with a secret of the set this process made or kept for the node: then the client id
 * the set was made with (the node's credential's), else undefined.
 */
async function madeByThisProcess(context: IWebhookFunctions, rawBody: Buffer, signature: string | undefined): Promise<string | undefined> {
	const known = await oneAtATime(nodeKeyOf(context), async () => remembered(context));
	if (known.length === 0 || !isValidSignature(rawBody, signature, known.map((s) => s.secret))) return undefined;
	return String((await context.getCredentials(CREDENTIAL_TYPE)).clientId ?? '');
}

function answer(context: IWebhookFunctions, status: number, body: IDataObject): IWebhookResponseData {
	const response = context.getResponseObject();
	response.status(status).json(body);
	return { noWebhookResponse: true };
}

/**
 * Handles one POST from Krebit: verifies the signature over the raw bytes received, checks
 * the client id, drops repeats and unselected events, and starts the workflow with the
 * delivery otherwise. A refused signature may mean the node lost its secrets: after
 * answering 401 it lets `repairLostSubscriptions` decide whether to remake them.
 */
export async function handleDelivery(context: IWebhookFunctions, events: string[]): Promise<IWebhookResponseData> {
	const headers = context.getHeaderData() as IDataObject;
	const rawBody = await rawBodyOf(context);
	const data = staticDataOf(context);
	const secrets = (data.subscriptions ?? []).map((s) => s.secret);
	const signature = headerValue(headers, 'x-signature') ?? headerValue(headers, 'x-krebit-signature');

	let subscribedWith = data.clientId;
	if (!rawBody || !isValidSignature(rawBody, signature, secrets)) {
		// n8n may not have saved the secrets yet: an activation of this node in this process has
		// just made the subscription this delivery comes from (2.41 activates asynchronously).
		const justMade = rawBody ? await madeByThisProcess(context, rawBody, signature) : undefined;
		if (!rawBody || justMade === undefined) {
			const refused = answer(context, 401, { message: 'Invalid signature' });
			await repairLostSubscriptions(context);
			return refused;
		}
		subscribedWith = justMade;
	}

	// Krebit sends the OAuth client id the subscriptions were made with, kept beside the secrets.
	const clientId = headerValue(headers, 'x-client-id');
	if (clientId !== undefined && clientId !== subscribedWith) {
		return answer(context, 401, { message: 'Unknown client' });
	}

	let parsed: unknown;
	try {
		parsed = JSON.parse(rawBody.toString('utf8'));
	} catch {
		parsed = undefined;
	}
	if (!isJsonObject(parsed)) {
		return answer(context, 400, { message: 'The body is not a JSON object' });
	}
	const delivery = parsed;

	const event = typeof delivery.event === 'string' ? delivery.event : '';
	if (!events.includes(event)) {
		return answer(context, 200, { received: true, ignored: 'event not selected in this workflow' });
	}

	const deliveryId = delivery.id === undefined || delivery.id === null ? undefined : String(delivery.id);
	if (deliveryId !== undefined && !firstTime(nodeKeyOf(context), deliveryId)) {
		return answer(context, 200, { received: true, duplicate: true });
	}

	const options = context.getNodeParameter('options', {}) as IDataObject;
	let json: IDataObject;
	if (options.output === 'raw') {
		json = delivery;
	} else {
		const resource = isJsonObject(delivery.data) ? delivery.data : { data: delivery.data ?? null };
		json = {
			...resource,
			event,
			delivery_id: deliveryId ?? null,
			delivery_created_at: delivery.created_at ?? null,
		};
	}
	if (options.includeHeaders === true) json = { ...json, headers };

	return {
		webhookResponse: { received: true },
		workflowData: [[{ json }]],
	};
}
