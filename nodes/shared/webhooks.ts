import { NodeApiError, NodeOperationError, type IDataObject } from 'n8n-workflow';

import { viewedList, writingTo, type ViewKey } from './subscriptionView';
import { krebitList } from './transport/pagination';
import { CREDENTIAL_TYPE, krebitOrigin, krebitRequest, unwrapRecord, type KrebitContext } from './transport/request';

/** Krebit's webhook subscriptions API, shared by the Krebit node and the Krebit Trigger. */

export async function createSubscription(
	context: KrebitContext,
	event: string,
	target: string,
	itemIndex = 0,
): Promise<IDataObject> {
	const origin = await krebitOrigin(context, itemIndex);
	const body = await writingTo(origin, async () =>
		await krebitRequest(context, {
			method: 'POST',
			path: '/webhooks',
			body: { event, target },
			itemIndex,
			action: `Create a Krebit webhook for "${event}"`,
			expect: 'record',
		}),
	);
	return unwrapRecord(body);
}

/** Which shared view of the list a context reads: its tenant, client id and credential. */
async function viewKeyOf(context: KrebitContext, itemIndex: number): Promise<ViewKey | undefined> {
	const origin = await krebitOrigin(context, itemIndex);
	const credentialId = context.getNode().credentials?.[CREDENTIAL_TYPE]?.id;
	if (!credentialId) return undefined;
	const clientId = String((await context.getCredentials(CREDENTIAL_TYPE)).clientId ?? '');
	return { origin, clientId, credentialId };
}

export interface ListFreshness {
	/**
	 * 0 (the default): a list Krebit gave after this call began, shared with concurrent callers
	 * of the same credential. More: a list up to this old (at most VIEW_MAX_AGE_MS) will do.
	 */
	maxAgeMs?: number;
}

/** Krebit's webhook list, through this process's shared view of it (see subscriptionView.ts). */
export async function listSubscriptions(context: KrebitContext, itemIndex = 0, { maxAgeMs = 0 }: ListFreshness = {}): Promise<IDataObject[]> {
	const load = async () => await krebitList(context, { path: '/webhooks', itemIndex, action: 'List Krebit webhooks', returnAll: true });
	const key = await viewKeyOf(context, itemIndex);
	return key ? await viewedList(key, context.getNode(), maxAgeMs, load) : await load();
}

/** Deletes one subscription; one that is already gone (404) counts as deleted. */
export async function deleteSubscription(context: KrebitContext, id: string, itemIndex = 0): Promise<void> {
	try {
		const origin = await krebitOrigin(context, itemIndex);
		await writingTo(origin, async () =>
			await krebitRequest(context, {
				method: 'DELETE',
				path: `/webhooks/${encodeURIComponent(id)}`,
				itemIndex,
				action: `Delete Krebit webhook ${id}`,
			}),
		);
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
