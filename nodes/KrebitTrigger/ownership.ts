import { createHash } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

import { scalarText } from '../shared/values';
import type { StoredSubscription } from './state';

/** Which subscription targets belong to this node: a rule on the target URL. */
export type Ownership = (target: string) => boolean;

/** A subscription as Krebit lists it, reduced to what the trigger decides on. */
export interface LiveSubscription {
	id: string;
	event: string;
	target: string;
}

/**
 * The query parameter that marks a target as made by one n8n installation: a hash of n8n's
 * instance id, which every process of one n8n shares (it comes from the encryption key or the
 * shared database) and another n8n does not. n8n ignores query parameters when it routes a webhook.
 */
export const INSTANCE_PARAMETER = 'n8n_instance';

/** The query parameter that marks a target as made by a repair, with the time it started (ms). */
export const REPAIR_PARAMETER = 'n8n_repair';

/** The mark for an instance id: it tells installations apart without giving the id away. */
export function instanceMarkOf(instanceId: string): string {
	if (!instanceId) return '';
	return createHash('sha256').update(`n8n-nodes-krebit trigger owner ${instanceId}`).digest('hex').slice(0, 20);
}

function parsed(url: string): URL | undefined {
	try {
		return new URL(url);
	} catch {
		return undefined;
	}
}

/** A URL's path without trailing slashes; undefined when it is not an absolute URL. */
export function pathOf(url: string): string | undefined {
	return parsed(url)?.pathname.replace(/\/+$/, '');
}

/** The address without query and fragment, trailing slashes aside: where n8n routes a delivery. */
function baseOf(url: string): string {
	const address = parsed(url);
	if (!address) return url;
	return `${address.origin}${address.pathname.replace(/\/+$/, '')}`;
}

/** The instance mark a target carries ('' when none). */
export function markOf(target: string): string {
	return parsed(target)?.searchParams.get(INSTANCE_PARAMETER) ?? '';
}

/** When the repair that made this target started (ms), if a repair made it. */
export function repairTimeOf(target: string): number | undefined {
	const value = Number(parsed(target)?.searchParams.get(REPAIR_PARAMETER) ?? NaN);
	return Number.isFinite(value) && value > 0 ? value : undefined;
}

/** The webhook URL n8n gave, marked with this installation's mark (and a repair's start time). */
export function markedTarget(webhookUrl: string, mark: string, repairStartedAt?: number): string {
	const address = parsed(webhookUrl);
	if (!address || !mark) return webhookUrl;
	address.searchParams.set(INSTANCE_PARAMETER, mark);
	if (repairStartedAt !== undefined) address.searchParams.set(REPAIR_PARAMETER, String(repairStartedAt));
	return address.href;
}

/**
 * Whether two targets reach the same webhook of the same installation: same address, trailing
 * slashes and the repair time aside; an unmarked target (made before targets carried a mark)
 * counts as the marked one on the same address.
 */
export function sameUrl(a: string, b: string): boolean {
	const marks = [markOf(a), markOf(b)];
	return baseOf(a) === baseOf(b) && (marks[0] === marks[1] || marks.includes(''));
}

/**
 * The node's subscriptions are those whose target path is the node's webhook path: it ends in
 * the same webhook endpoint (`/webhook/` in production, `/webhook-test/` in test mode), the
 * node's webhook ID and the webhook's own path, as `currentTarget` does. Scheme, host, port and
 * any path prefix in front do not matter, so subscriptions made before n8n moved stay the
 * node's; a test-mode URL never matches a production one, nor the reverse.
 * With a mark on `currentTarget`, a target is also this installation's only if it carries the
 * same mark; an unmarked one (made before the mark existed) only if it is on the current
 * address or among `recordedTargets`, so another n8n's old subscriptions are left alone.
 */
export function ownershipOf(currentTarget: string, webhookId: string | undefined, recordedTargets: string[] = []): Ownership {
	const currentPath = pathOf(currentTarget);
	if (currentPath === undefined) return () => false;
	const mark = markOf(currentTarget);
	let nodePath = currentPath;
	const idAt = webhookId ? currentPath.lastIndexOf(`/${webhookId}/`) : -1;
	if (idAt > 0) nodePath = currentPath.slice(currentPath.lastIndexOf('/', idAt - 1));
	const recorded = new Set(recordedTargets.map(baseOf));
	return (target) => {
		const path = pathOf(target);
		if (path === undefined || (path !== currentPath && !path.endsWith(nodePath))) return false;
		const targetMark = markOf(target);
		if (!mark || targetMark === mark) return true;
		return targetMark === '' && (baseOf(target) === baseOf(currentTarget) || recorded.has(baseOf(target)));
	};
}

/** The node's subscriptions among those Krebit listed (one without an ID cannot be managed). */
export function ownedSubscriptions(live: IDataObject[], owns: Ownership): LiveSubscription[] {
	return live
		.map((record) => ({ id: scalarText(record.id), event: scalarText(record.event), target: scalarText(record.target ?? record.url) }))
		.filter((subscription) => subscription.id !== '' && owns(subscription.target));
}

export interface SubscriptionPlan {
	/** Live, on the current URL, for a selected event, with its secret stored: kept as is. */
	keep: StoredSubscription[];
	/** The node's other live subscriptions: old origin, unknown secret, unselected or repeated event. */
	remove: LiveSubscription[];
	/** Selected events with no subscription kept: to be made. */
	missing: string[];
}

/**
 * What to do so that Krebit holds exactly one subscription per selected event, all on
 * `target`, each with its secret stored. Pure: `owned` is what Krebit listed for this node.
 */
export function planSubscriptions(
	owned: LiveSubscription[],
	stored: StoredSubscription[],
	events: string[],
	target: string,
): SubscriptionPlan {
	const keep: StoredSubscription[] = [];
	const remove: LiveSubscription[] = [];
	for (const subscription of owned) {
		const record = stored.find((s) => s.id === subscription.id && s.event === subscription.event && s.secret);
		const wanted =
			record !== undefined &&
			events.includes(subscription.event) &&
			sameUrl(subscription.target, target) &&
			!keep.some((kept) => kept.event === subscription.event);
		if (wanted) keep.push({ ...record, target: subscription.target });
		else remove.push(subscription);
	}
	const missing = events.filter((event) => !keep.some((kept) => kept.event === event));
	return { keep, remove, missing };
}
