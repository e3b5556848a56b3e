import { NodeOperationError, type IDataObject, type IHookFunctions } from 'n8n-workflow';

import { createSubscription, deleteSubscription, listSubscriptions } from '../shared/webhooks';

/** One Krebit webhook subscription this node made, kept in the node's static data. */
export interface StoredSubscription {
	id: string;
	event: string;
	target: string;
	secret: string;
}

interface TriggerStaticData extends IDataObject {
	subscriptions?: StoredSubscription[];
	recentDeliveries?: string[];
}

export function staticDataOf(context: { getWorkflowStaticData(type: string): IDataObject }): TriggerStaticData {
	return context.getWorkflowStaticData('node') as TriggerStaticData;
}

export function storedSubscriptions(context: { getWorkflowStaticData(type: string): IDataObject }) {
	return staticDataOf(context).subscriptions ?? [];
}

function webhookUrl(context: IHookFunctions): string {
	const url = context.getNodeWebhookUrl('default');
	if (!url) throw new NodeOperationError(context.getNode(), 'n8n gave no webhook URL for the Krebit Trigger');
	return url;
}

function sameSubscription(live: IDataObject, stored: StoredSubscription): boolean {
	return String(live.id) === stored.id && live.target === stored.target && live.event === stored.event;
}

/**
 * True only if every selected event has a stored subscription for this webhook URL that
 * still exists at Krebit with that URL and event. Lists, never deletes.
 */
export async function subscriptionsExist(context: IHookFunctions, events: string[]): Promise<boolean> {
	const target = webhookUrl(context);
	const mine = storedSubscriptions(context).filter((s) => s.target === target);
	if (mine.length === 0 || events.some((event) => !mine.some((s) => s.event === event))) return false;
	const live = await listSubscriptions(context);
	return mine.every((stored) => live.some((subscription) => sameSubscription(subscription, stored)));
}

/**
 * Makes one subscription per selected event for this webhook URL, keeping those that still
 * exist at Krebit, so a repeated activation makes only what is missing. Each new subscription
 * is stored as soon as Krebit has made it; if one fails, those made by this call are deleted
 * again and the error is raised.
 */
export async function ensureSubscriptions(context: IHookFunctions, events: string[]): Promise<void> {
	const target = webhookUrl(context);
	const data = staticDataOf(context);
	const stored = data.subscriptions ?? [];
	const mine = stored.filter((s) => s.target === target);
	const live = mine.length > 0 ? await listSubscriptions(context) : [];
	const alive = (s: StoredSubscription) => live.some((subscription) => sameSubscription(subscription, s));

	const keep = mine.filter((s) => events.includes(s.event) && alive(s));
	// Ours for this URL but no longer wanted (event unselected): remove them at Krebit too.
	for (const unwanted of mine.filter((s) => !events.includes(s.event) && alive(s))) {
		await deleteSubscription(context, unwanted.id);
	}
	data.subscriptions = [...stored.filter((s) => s.target !== target), ...keep];

	const made: StoredSubscription[] = [];
	try {
		for (const event of events.filter((e) => !keep.some((s) => s.event === e))) {
			const created = await createSubscription(context, event, target);
			const id = created.id === undefined || created.id === null ? '' : String(created.id);
			const secret = typeof created.secret === 'string' ? created.secret : '';
			if (id) {
				const subscription = { id, event, target, secret };
				made.push(subscription);
				data.subscriptions.push(subscription);
			}
			if (!id || !secret) {
				throw new NodeOperationError(context.getNode(), `Krebit made the "${event}" webhook without ${id ? 'a signing secret' : 'an ID'}`, {
					description: 'Without it deliveries cannot be verified (or the webhook removed later). Contact Krebit support.',
				});
			}
		}
	} catch (error) {
		const cleanup: string[] = [];
		for (const subscription of made) {
			try {
				await deleteSubscription(context, subscription.id);
				data.subscriptions = data.subscriptions.filter((s) => s !== subscription);
			} catch {
				cleanup.push(subscription.id);
			}
		}
		const reason = error instanceof Error ? error.message : String(error);
		throw new NodeOperationError(context.getNode(), `Could not register the Krebit webhooks: ${reason}`, {
			description:
				(made.length
					? `The ${made.length} webhook(s) made before the failure were ${cleanup.length ? `removed except ${cleanup.join(', ')}` : 'removed again'}. `
					: '') + 'Check the events and that the credential may manage webhooks, then activate again.',
		});
	}
}

/**
 * Deletes every stored subscription of this webhook URL (one already gone counts as
 * deleted) and forgets it. A failure is raised after trying them all; those that failed stay
 * stored so a later deactivation can try again.
 */
export async function removeSubscriptions(context: IHookFunctions): Promise<void> {
	const target = webhookUrl(context);
	const data = staticDataOf(context);
	const failed: StoredSubscription[] = [];
	const reasons: string[] = [];
	for (const subscription of (data.subscriptions ?? []).filter((s) => s.target === target)) {
		try {
			await deleteSubscription(context, subscription.id);
		} catch (error) {
			failed.push(subscription);
			reasons.push(`${subscription.event} (${subscription.id}): ${(error as Error).message}`);
		}
	}
	const remaining = [...(data.subscriptions ?? []).filter((s) => s.target !== target), ...failed];
	if (remaining.length > 0) {
		data.subscriptions = remaining;
	} else {
		for (const key of Object.keys(data)) delete data[key];
	}
	if (failed.length > 0) {
		throw new NodeOperationError(context.getNode(), `Could not remove ${failed.length} Krebit webhook(s)`, {
			description: `${reasons.join('; ')}. They are kept and will be removed at the next deactivation.`,
		});
	}
}
