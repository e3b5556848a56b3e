import { NodeApiError, NodeOperationError, type IDataObject } from 'n8n-workflow';

import { krebitList } from './transport/pagination';
import { krebitRequest, unwrapRecord, type KrebitContext } from './transport/request';

/** Krebit's webhook subscriptions API, shared by the Krebit node and the Krebit Trigger. */

export async function createSubscription(
	context: KrebitContext,
	event: string,
	target: string,
	itemIndex = 0,
): Promise<IDataObject> {
	const body = await krebitRequest(context, {
		method: 'POST',
		path: '/webhooks',
		body: { event, target },
		itemIndex,
		action: `Create a Krebit webhook for "${event}"`,
		expect: 'record',
	});
	return unwrapRecord(body);
}

export async function listSubscriptions(context: KrebitContext, itemIndex = 0): Promise<IDataObject[]> {
	return await krebitList(context, {
		path: '/webhooks',
		itemIndex,
		action: 'List Krebit webhooks',
		returnAll: true,
	});
}

/** Deletes one subscription; one that is already gone (404) counts as deleted. */
export async function deleteSubscription(context: KrebitContext, id: string, itemIndex = 0): Promise<void> {
	try {
		await krebitRequest(context, {
			method: 'DELETE',
			path: `/webhooks/${encodeURIComponent(id)}`,
			itemIndex,
			action: `Delete Krebit webhook ${id}`,
		});
	} catch (error) {
		if (error instanceof NodeApiError && error.httpCode === '404') return;
		throw error instanceof NodeApiError || error instanceof NodeOperationError
			? error
			: new NodeOperationError(context.getNode(), error as Error, { itemIndex });
	}
}

/** A subscription as we show it: the signing secret is never part of any output. */
export function withoutSecret(subscription: IDataObject): IDataObject {
	const { secret, ...rest } = subscription;
	return secret === undefined ? rest : { ...rest, secret: '(hidden)' };
}
