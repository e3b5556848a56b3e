import type { IDataObject } from 'n8n-workflow';

import type { StoredSubscription } from './state';

/** Which subscription targets belong to this node: a rule on the target URL. */
export type Ownership = (target: string) => boolean;

/** A subscription as Krebit lists it, reduced to what the trigger decides on. */
export interface LiveSubscription {
	id: string;
	event: string;
	target: string;
}

/** A URL's path without trailing slashes; undefined when it is not an absolute URL. */
export function pathOf(url: string): string | undefined {
	try {
		return new URL(url).pathname.replace(/\/+$/, '');
	} catch {
		return undefined;
	}
}

/** Whether two URLs name the same address, trailing slashes aside. */
export function sameUrl(a: string, b: string): boolean {
	const normalized = (url: string) => {
		try {
			const parsed = new URL(url);
			parsed.pathname = parsed.pathname.replace(/\/+$/, '');
			return parsed.href;
		} catch {
			return url;
		}
	};
	return normalized(a) === normalized(b);
}

/**
 * The node's subscriptions are those whose target path is the node's webhook path: it ends in
 * the same webhook endpoint (`/webhook/` in production, `/webhook-test/` in test mode), the
 * node's webhook ID and the webhook's own path, as `currentUrl` does. Scheme, host, port and
 * any path prefix in front do not matter, so subscriptions made before n8n moved stay the
 * node's; a test-mode URL never matches a production one, nor the reverse.
 */
export function ownershipOf(currentUrl: string, webhookId: string | undefined): Ownership {
	const currentPath = pathOf(currentUrl);
	if (currentPath === undefined) return () => false;
	let nodePath = currentPath;
	const idAt = webhookId ? currentPath.lastIndexOf(`/${webhookId}/`) : -1;
	if (idAt > 0) nodePath = currentPath.slice(currentPath.lastIndexOf('/', idAt - 1));
	return (target) => {
		const path = pathOf(target);
		return path !== undefined && (path === currentPath || path.endsWith(nodePath));
	};
}

function text(value: unknown): string {
	return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/** The node's subscriptions among those Krebit listed (one without an ID cannot be managed). */
export function ownedSubscriptions(live: IDataObject[], owns: Ownership): LiveSubscription[] {
	return live
		.map((record) => ({ id: text(record.id), event: text(record.event), target: text(record.target ?? record.url) }))
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
		if (wanted) keep.push({ ...record, target });
		else remove.push(subscription);
	}
	const missing = events.filter((event) => !keep.some((kept) => kept.event === event));
	return { keep, remove, missing };
}
