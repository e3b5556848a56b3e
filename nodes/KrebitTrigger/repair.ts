import { NodeOperationError, type IWebhookFunctions } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../shared/transport/request';
import { createSubscription } from '../shared/webhooks';
import { selectedEvents } from './events';
import { nodeKeyOf, oneAtATime, remember, remembered, withRemembered } from './inProcess';
import { markedTarget, planSubscriptions, type LiveSubscription } from './ownership';
import { isSettled, repairUnderWay, repairVerdict } from './repair-rule';
import { scopeOf, type TriggerScope } from './scope';
import { staticDataOf, type StoredSubscription } from './state';
import { ownedAtKrebit, removeEach } from './subscriptions';

/** At most one repair per node in this time, so requests that fail verification cannot churn Krebit's webhooks. */
export const REPAIR_INTERVAL_MS = 10 * 60 * 1000;

/** At most one look at Krebit's list per node and process in this time for refused deliveries while secrets are held. */
export const CHECK_INTERVAL_MS = 60 * 1000;

/** When each node last started a repair, or a check, in this n8n process. */
const lastRepairInProcess = new Map<string, number>();
const lastCheckInProcess = new Map<string, number>();

type Outcome =
	| { kind: 'won'; made: number; removed: number; notRemoved: number }
	| { kind: 'lost'; made: number }
	| { kind: 'underWay' }
	| { kind: 'failed'; error: unknown };

/** Deletes what this repair made; never throws (the caller reports the first failure). */
async function undo(context: IWebhookFunctions, made: LiveSubscription[]) {
	if (made.length > 0) await removeEach(context, made);
}

/**
 * One process's part in a repair (see repair-rule.ts): make a full set on targets that carry the
 * repair's start time, read Krebit's list again (fresh: it must show other processes' sets), and
 * keep the set only if it won. Only a winner writes static data, so n8n saves only its secrets.
 */
async function repairRound(context: IWebhookFunctions, scope: TriggerScope, productionUrl: string, events: string[], now: number): Promise<Outcome> {
	if (repairUnderWay(await ownedAtKrebit(context, scope.owns), events, now)) return { kind: 'underWay' };
	const target = markedTarget(productionUrl, scope.mark, now);
	const made: StoredSubscription[] = [];
	let verdict;
	try {
		for (const event of events) {
			const created = await createSubscription(context, event, target);
			const id = created.id === undefined || created.id === null ? '' : String(created.id);
			const secret = typeof created.secret === 'string' ? created.secret : '';
			if (id) made.push({ id, event, target, secret });
			if (!id || !secret) {
				throw new NodeOperationError(context.getNode(), `Krebit made the "${event}" webhook without ${id ? 'a signing secret' : 'an ID'}`);
			}
		}
		verdict = repairVerdict(await ownedAtKrebit(context, scope.owns), made, events, now);
	} catch (error) {
		await undo(context, made);
		return { kind: 'failed', error };
	}
	if (!verdict.won) {
		await undo(context, made);
		return { kind: 'lost', made: made.length };
	}
	const clientId = String((await context.getCredentials(CREDENTIAL_TYPE)).clientId ?? '');
	const notRemoved = await removeEach(context, verdict.remove);
	const data = staticDataOf(context);
	delete data.recentDeliveries;
	data.subscriptions = [...(data.subscriptions ?? []).filter((s) => !scope.owns(s.target)), ...made];
	data.clientId = clientId;
	data.lastRepairAt = now;
	remember(context, data.subscriptions);
	return { kind: 'won', made: made.length, removed: verdict.remove.length - notRemoved.length, notRemoved: notRemoved.length };
}

function reasonOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/**
 * The request's copy of the static data has no secrets, yet this process made or kept a full
 * set for the node a moment ago (an activation that ran while the request was on its way, or an
 * earlier repair) and Krebit still lists it: that set goes into the static data, nothing is
 * made. True when adopted, or when Krebit's list was looked at too recently to look again.
 */
async function adoptRemembered(context: IWebhookFunctions, scope: TriggerScope, key: string): Promise<boolean> {
	const known = remembered(context).filter((s) => s.secret && scope.owns(s.target));
	if (known.length === 0) return false;
	// Refused deliveries (forged ones too) look at Krebit's list at most once a minute.
	const now = Date.now();
	if (now - (lastCheckInProcess.get(key) ?? 0) < CHECK_INTERVAL_MS) return true;
	lastCheckInProcess.set(key, now);
	const node = context.getNode();
	const where = { workflowId: String(context.getWorkflow().id ?? ''), nodeName: node.name };
	try {
		const plan = planSubscriptions(await ownedAtKrebit(context, scope.owns), known, selectedEvents(context, true), scope.target);
		if (plan.missing.length > 0) return false;
		const data = staticDataOf(context);
		data.subscriptions = [...(data.subscriptions ?? []).filter((s) => !scope.owns(s.target)), ...plan.keep];
		data.clientId = String((await context.getCredentials(CREDENTIAL_TYPE)).clientId ?? '');
		context.logger.info(
			`Krebit Trigger "${node.name}" had no stored webhook secrets for a delivery; it took the ${plan.keep.length} this n8n process made a moment ago, and made nothing`,
			where,
		);
		return true;
	} catch (error) {
		context.logger.warn(`Krebit Trigger "${node.name}" could not check its Krebit webhooks after a refused delivery: ${reasonOf(error)}`, where);
		return false;
	}
}

/**
 * The node holds no secret for its production path: its static data was lost (an import, a reset
 * row, a queue-mode worker writing over it) and no delivery can be verified. Remakes the
 * subscriptions, agreeing through Krebit's list with any other process doing the same at once.
 * At most once per REPAIR_INTERVAL_MS per node (the time is kept in static data by the winner,
 * and in process memory). Nothing is written to static data unless this process's set stays.
 */
async function repairLost(context: IWebhookFunctions, scope: TriggerScope, productionUrl: string, key: string) {
	if (await adoptRemembered(context, scope, key)) return;
	const data = staticDataOf(context);
	const now = Date.now();
	const last = Math.max(Number(data.lastRepairAt) || 0, lastRepairInProcess.get(key) ?? 0);
	if (now - last < REPAIR_INTERVAL_MS) return;
	lastRepairInProcess.set(key, now);

	const node = context.getNode();
	const where = { workflowId: String(context.getWorkflow().id ?? ''), nodeName: node.name };
	const lead = `Krebit Trigger "${node.name}" had no stored webhook secrets, so it could not verify deliveries`;
	let outcome: Outcome;
	let events: string[] = [];
	try {
		events = selectedEvents(context, true);
		outcome = await repairRound(context, scope, productionUrl, events, now);
	} catch (error) {
		outcome = { kind: 'failed', error };
	}
	if (outcome.kind === 'won') {
		const left = outcome.notRemoved > 0 ? `; ${outcome.notRemoved} old one(s) could not be removed yet` : '';
		context.logger.info(
			`${lead}: it removed ${outcome.removed} of its webhook(s) at Krebit and made ${outcome.made} new one(s) (${events.join(', ')})${left}`,
			where,
		);
	} else if (outcome.kind === 'lost') {
		context.logger.info(`${lead}: another n8n process remade them at the same moment, so this one removed the ${outcome.made} it had made and keeps that process's`, where);
	} else if (outcome.kind === 'underWay') {
		context.logger.info(`${lead}: another n8n process is remaking them (or did in the last 10 minutes), so this one leaves Krebit's webhooks as they are`, where);
	} else {
		context.logger.warn(
			`Krebit Trigger "${node.name}" has no stored webhook secrets and could not remake its Krebit webhooks: ${reasonOf(outcome.error)}. It tries again at a refused delivery after 10 minutes; deactivating and activating the workflow remakes them too.`,
			where,
		);
	}
}

/**
 * The node holds its secrets, yet a delivery failed verification: forged, or sent for a copy of
 * a subscription whose secret n8n did not save (two processes that both kept a set). If Krebit
 * shows such copies beside a verifiable subscription for every selected event, they are deleted,
 * whenever that happens (not held off by the repair interval); copies a repair made in the
 * last REPAIR_SETTLE_MS are left, as their process may be saving them. Makes nothing.
 */
async function removeUnverifiable(context: IWebhookFunctions, scope: TriggerScope, key: string) {
	const now = Date.now();
	if (now - (lastCheckInProcess.get(key) ?? 0) < CHECK_INTERVAL_MS) return;
	lastCheckInProcess.set(key, now);
	const node = context.getNode();
	const where = { workflowId: String(context.getWorkflow().id ?? ''), nodeName: node.name };
	try {
		const stored = withRemembered(staticDataOf(context).subscriptions ?? [], context).filter((s) => scope.owns(s.target));
		const plan = planSubscriptions(await ownedAtKrebit(context, scope.owns), stored, selectedEvents(context, false), scope.target);
		const copies = plan.remove.filter((s) => isSettled(s.target, now));
		if (plan.missing.length > 0 || copies.length === 0) return;
		const failed = await removeEach(context, copies);
		context.logger.info(
			`Krebit Trigger "${node.name}" refused a delivery and found ${copies.length} webhook(s) of its own at Krebit whose secret n8n did not save; it removed ${copies.length - failed.length}`,
			where,
		);
	} catch (error) {
		context.logger.warn(`Krebit Trigger "${node.name}" could not check its Krebit webhooks after a refused delivery: ${reasonOf(error)}`, where);
	}
}

/**
 * Called after a delivery to the production webhook was refused for its signature. This request
 * starts no run, so n8n saves the static data after it, if it changed. Never throws: the outcome
 * goes to n8n's log, without secrets. Test deliveries never repair.
 */
export async function repairLostSubscriptions(context: IWebhookFunctions): Promise<void> {
	if (context.getMode() === 'manual') return;
	const productionUrl = context.getNodeWebhookUrl('default');
	if (!productionUrl) return;
	const scope = scopeOf(context, productionUrl);
	const key = nodeKeyOf(context);
	await oneAtATime(key, async () => {
		const holdsSecrets = (staticDataOf(context).subscriptions ?? []).some((s) => s.secret && scope.owns(s.target));
		if (holdsSecrets) await removeUnverifiable(context, scope, key);
		else await repairLost(context, scope, productionUrl, key);
	});
}
