import { NodeApiError, NodeOperationError, type IHookFunctions } from 'n8n-workflow';

import { krebitFailureLine } from '../shared/transport/errors';
import { CREDENTIAL_TYPE } from '../shared/transport/request';
import { VIEW_MAX_AGE_MS } from '../shared/subscriptionView';
import { createSubscription, deleteSubscription, listSubscriptions, type ListFreshness } from '../shared/webhooks';
import { ownedSubscriptions, planSubscriptions, sameUrl, type LiveSubscription, type Ownership } from './ownership';
import { withRemembered } from './inProcess';
import { scopeOf } from './scope';
import { staticDataOf, storedSubscriptions, type StoredSubscription, type TriggerContext } from './state';

/**
 * The node's subscriptions in Krebit's list, read afresh (asked for after this call began):
 * what another process wrote counts. `freshness` may accept a list a few seconds old instead.
 */
export async function ownedAtKrebit(context: TriggerContext, owns: Ownership, freshness?: ListFreshness): Promise<LiveSubscription[]> {
	return ownedSubscriptions(await listSubscriptions(context, 0, freshness), owns);
}

export interface FailedRemoval {
	subscription: LiveSubscription;
	error: unknown;
}

/** Deletes each subscription (one already gone counts as deleted); returns those that failed. */
export async function removeEach(context: TriggerContext, subscriptions: LiveSubscription[]): Promise<FailedRemoval[]> {
	const failed: FailedRemoval[] = [];
	for (const subscription of subscriptions) {
		try {
			await deleteSubscription(context, subscription.id);
		} catch (error) {
			failed.push({ subscription, error });
		}
	}
	return failed;
}

function removalError(context: TriggerContext, failed: FailedRemoval[], next: string): NodeOperationError {
	const reasons = failed.map(({ subscription, error }) => `${subscription.event} (${subscription.id}): ${krebitFailureLine(error)}`);
	const more = failed.length > 1 ? ` (and ${failed.length - 1} more)` : '';
	return new NodeOperationError(context.getNode(), `Could not remove ${failed.length} Krebit webhook(s) of this trigger: ${reasons[0]}${more}`, {
		description: `${reasons.join('; ')}. ${next}`,
	});
}

/**
 * The error as raised, with everything Krebit said on its message line (n8n shows only the
 * message of a failed activation) and `note` leading its description.
 */
function explained(context: TriggerContext, error: unknown, note: string): Error {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.message = krebitFailureLine(error);
		error.description = [note, error.description].filter(Boolean).join(' ');
		return error;
	}
	return new NodeOperationError(context.getNode(), error as Error, { description: note });
}

/**
 * True only if Krebit holds exactly one subscription of this node per selected event, all on
 * the current URL, each with its secret stored, and no other subscription of the node (old
 * origin, unknown secret). Never changes anything. Reads the process's shared view of Krebit's
 * list (a few seconds old will do: n8n 1.x asks every trigger at every start).
 *
 * When Krebit's list cannot be read (rate limited beyond the transport's retries, 5xx, no
 * connection, 401/403), the stored subscriptions are trusted and the answer is true: on a
 * throw n8n 1.123 and 2.41 call `delete`, which removes the node's subscriptions, and make
 * them again later, with new secrets; a delivery meanwhile is lost. A failure is no evidence
 * that anything at Krebit is gone.
 */
export async function subscriptionsExist(context: IHookFunctions, events: string[]): Promise<boolean> {
	const { target, owns } = scopeOf(context);
	const stored = storedSubscriptions(context).filter((s) => owns(s.target));
	const covered = (event: string) => stored.some((s) => s.event === event && s.secret && sameUrl(s.target, target));
	if (!events.every(covered)) return false;
	let owned: LiveSubscription[];
	try {
		owned = await ownedAtKrebit(context, owns, { maxAgeMs: VIEW_MAX_AGE_MS });
	} catch (error) {
		context.logger.warn(
			`Krebit Trigger "${context.getNode().name}" could not read Krebit's webhook list (${krebitFailureLine(error)}); it keeps its ${stored.length} stored webhook(s) as they are`,
			{ workflowId: String(context.getWorkflow().id ?? ''), nodeName: context.getNode().name },
		);
		return true;
	}
	const plan = planSubscriptions(owned, stored, events, target);
	return plan.remove.length === 0 && plan.missing.length === 0;
}

export interface ReconcileResult {
	kept: number;
	removed: number;
	made: number;
}

/**
 * Brings Krebit in line with the node, from Krebit's own list: keeps the node's subscriptions
 * that are live, on the current URL, for a selected event and whose secret is stored; deletes
 * the node's others; then makes the missing ones, storing each as soon as Krebit has made it.
 * If making one fails, those made by this call are deleted again and the error is raised.
 */
export async function reconcileSubscriptions(context: TriggerContext, events: string[]): Promise<ReconcileResult> {
	const { target, owns } = scopeOf(context);
	const data = staticDataOf(context);
	delete data.recentDeliveries;
	// What this process made or kept a moment ago counts as stored: a repair may have run on
	// this node while n8n had handed the activation a copy of the static data without it.
	const stored = withRemembered(data.subscriptions ?? [], context);
	const plan = planSubscriptions(await ownedAtKrebit(context, owns), stored.filter((s) => owns(s.target)), events, target);
	const records = [...stored.filter((s) => !owns(s.target)), ...plan.keep];
	data.subscriptions = records;
	data.clientId = String((await context.getCredentials(CREDENTIAL_TYPE)).clientId ?? '');

	const notRemoved = await removeEach(context, plan.remove);
	if (notRemoved.length > 0) {
		throw removalError(context, notRemoved, 'Nothing new was made. Activate again to retry.');
	}

	const made: StoredSubscription[] = [];
	try {
		for (const event of plan.missing) {
			const created = await createSubscription(context, event, target);
			const id = created.id === undefined || created.id === null ? '' : String(created.id);
			const secret = typeof created.secret === 'string' ? created.secret : '';
			if (id) {
				const subscription = { id, event, target, secret };
				made.push(subscription);
				records.push(subscription);
			}
			if (!id || !secret) {
				throw new NodeOperationError(context.getNode(), `Krebit made the "${event}" webhook without ${id ? 'a signing secret' : 'an ID'}`, {
					description: 'Without it deliveries cannot be verified (or the webhook removed later). Contact Krebit support.',
				});
			}
		}
	} catch (error) {
		const leftOver = await removeEach(context, made);
		const removed = made.filter((s) => !leftOver.some((failed) => failed.subscription.id === s.id));
		data.subscriptions = records.filter((s) => !removed.includes(s));
		let rollback = '';
		if (made.length > 0 && leftOver.length === 0) rollback = `The ${made.length} webhook(s) this activation made were removed again.`;
		if (leftOver.length > 0) {
			rollback = `Webhook(s) ${leftOver.map((failed) => failed.subscription.id).join(', ')} made by this activation could not be removed again; the next activation or deactivation removes them.`;
		}
		throw explained(context, error, `${rollback} Check the events and that the credential may manage webhooks, then activate again.`.trim());
	}
	return { kept: plan.keep.length, removed: plan.remove.length, made: made.length };
}

/**
 * Deletes every subscription of this node at Krebit (this URL's kind, any origin), recorded or
 * not; one already gone counts as deleted. Those that fail stay recorded and the failure is
 * raised after trying them all. If Krebit's list cannot be read, the recorded ones are deleted
 * and the failure is raised.
 */
export async function removeSubscriptions(context: TriggerContext): Promise<void> {
	const { owns } = scopeOf(context);
	const data = staticDataOf(context);
	const stored = data.subscriptions ?? [];
	const recorded = stored.filter((s) => owns(s.target));
	let owned: LiveSubscription[] = recorded;
	let listFailure: unknown;
	try {
		owned = await ownedAtKrebit(context, owns);
	} catch (error) {
		listFailure = error;
	}

	const failed = await removeEach(context, owned);
	const remaining = [
		...stored.filter((s) => !owns(s.target)),
		...recorded.filter((s) => failed.some((f) => f.subscription.id === s.id)),
	];
	if (remaining.length > 0) {
		data.subscriptions = remaining;
	} else {
		for (const key of Object.keys(data)) delete data[key];
	}

	if (listFailure !== undefined) {
		throw explained(
			context,
			listFailure,
			`Krebit's webhook list could not be read, so only the ${recorded.length} webhook(s) recorded by this trigger were removed; others of this trigger may remain at Krebit until the next activation or deactivation.`,
		);
	}
	if (failed.length > 0) {
		throw removalError(context, failed, 'They are removed at the next deactivation.');
	}
}
