import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { isValidSignature } from '../shared/signature';
import { CREDENTIAL_TYPE } from '../shared/transport/request';
import { staticDataOf, storedSubscriptions } from './subscriptions';

/** How many accepted delivery ids each workflow remembers, to drop Krebit's retries. */
export const REMEMBERED_DELIVERIES = 1000;

/**
 * Accepted delivery ids per workflow in this n8n process: catches a retry that arrives while
 * the first delivery is still being handled, before n8n has saved the static data.
 */
const recentInProcess = new Map<string, string[]>();

function remember(list: string[], id: string): string[] {
	const next = list.filter((seen) => seen !== id);
	next.push(id);
	return next.length > REMEMBERED_DELIVERIES ? next.slice(next.length - REMEMBERED_DELIVERIES) : next;
}

function header(headers: IDataObject, name: string): string | undefined {
	const value = headers[name];
	return Array.isArray(value) ? String(value[0]) : typeof value === 'string' ? value : undefined;
}

function answer(context: IWebhookFunctions, status: number, body: IDataObject): IWebhookResponseData {
	const response = context.getResponseObject();
	response.status(status).json(body);
	return { noWebhookResponse: true };
}

/**
 * Handles one POST from Krebit: verifies the signature over the raw bytes received, checks
 * the client id, drops repeats and unselected events, and starts the workflow with the
 * delivery otherwise.
 */
export async function handleDelivery(context: IWebhookFunctions, events: string[]): Promise<IWebhookResponseData> {
	const request = context.getRequestObject();
	const headers = context.getHeaderData() as IDataObject;
	const rawBody = (request as { rawBody?: unknown }).rawBody;
	const secrets = storedSubscriptions(context).map((s) => s.secret);
	const signature = header(headers, 'x-signature') ?? header(headers, 'x-krebit-signature');

	if (!Buffer.isBuffer(rawBody) || !isValidSignature(rawBody, signature, secrets)) {
		return answer(context, 401, { message: 'Invalid signature' });
	}

	const clientId = header(headers, 'x-client-id');
	if (clientId !== undefined) {
		const credentials = await context.getCredentials(CREDENTIAL_TYPE);
		if (clientId !== String(credentials.clientId ?? '')) {
			return answer(context, 401, { message: 'Unknown client' });
		}
	}

	let parsed: unknown;
	try {
		parsed = JSON.parse(rawBody.toString('utf8'));
	} catch {
		parsed = undefined;
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		return answer(context, 400, { message: 'The body is not a JSON object' });
	}
	const delivery = parsed as IDataObject;

	const event = typeof delivery.event === 'string' ? delivery.event : '';
	if (!events.includes(event)) {
		return answer(context, 200, { received: true, ignored: 'event not selected in this workflow' });
	}

	const deliveryId = delivery.id === undefined || delivery.id === null ? undefined : String(delivery.id);
	if (deliveryId !== undefined) {
		const data = staticDataOf(context);
		const workflowKey = String(context.getWorkflow().id);
		const inProcess = recentInProcess.get(workflowKey) ?? [];
		if (inProcess.includes(deliveryId) || (data.recentDeliveries ?? []).includes(deliveryId)) {
			return answer(context, 200, { received: true, duplicate: true });
		}
		recentInProcess.set(workflowKey, remember(inProcess, deliveryId));
		data.recentDeliveries = remember(data.recentDeliveries ?? [], deliveryId);
	}

	const options = context.getNodeParameter('options', {}) as IDataObject;
	let json: IDataObject;
	if (options.output === 'raw') {
		json = delivery;
	} else {
		const resource = typeof delivery.data === 'object' && delivery.data !== null && !Array.isArray(delivery.data)
			? (delivery.data as IDataObject)
			: { data: delivery.data ?? null };
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
