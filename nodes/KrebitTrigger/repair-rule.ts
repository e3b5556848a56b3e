import { repairTimeOf, type LiveSubscription } from './ownership';

/**
 * The rules by which webhook processes that repair at the same moment agree, with nothing
 * shared but Krebit's webhook list (n8n gives a node no lock across processes). Pure.
 *
 * Each repairing process makes a full set of subscriptions whose targets carry the time the
 * repair started, then reads Krebit's list again. The set holding the subscription Krebit made
 * first (the lowest id) wins: its process keeps it and saves its secrets; every other process
 * deletes its own set and leaves the workflow's static data untouched, so n8n saves only the
 * winner's. Krebit assigns ids in the order it makes subscriptions, so every process that reads
 * the list after making its own set sees the first one made, and all reach the same verdict.
 */

/** A repair's subscriptions count as in progress or just done for this long (ms). */
export const REPAIR_FRESH_MS = 10 * 60 * 1000;

/** A repair-made subscription younger than this may still be saved by its process: never pruned as unknown. */
export const REPAIR_SETTLE_MS = 2 * 60 * 1000;

/** Whether a subscription was made by a repair that started within REPAIR_FRESH_MS of `now` (either side: clocks differ). */
export function isFreshRepair(target: string, now: number): boolean {
	const startedAt = repairTimeOf(target);
	return startedAt !== undefined && Math.abs(now - startedAt) < REPAIR_FRESH_MS;
}

/** Whether an unknown subscription is safe to delete: not made by a repair whose process may still be saving it. */
export function isSettled(target: string, now: number): boolean {
	const startedAt = repairTimeOf(target);
	return startedAt === undefined || Math.abs(now - startedAt) >= REPAIR_SETTLE_MS;
}

/** Krebit's order of making: numeric ids by value (they grow as Krebit makes subscriptions), others after them by text. */
export function madeBefore(a: LiveSubscription, b: LiveSubscription): number {
	const numeric = (id: string) => /^\d+$/.test(id);
	if (numeric(a.id) && numeric(b.id)) return Number(a.id) - Number(b.id) || a.id.length - b.id.length;
	if (numeric(a.id) !== numeric(b.id)) return numeric(a.id) ? -1 : 1;
	return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export interface RepairVerdict {
	/** Whether this process's set is the one that stays. */
	won: boolean;
	/** What this process deletes: the winner the node's old subscriptions, a loser its own set. */
	remove: LiveSubscription[];
}

/**
 * The verdict for one repairing process, from Krebit's list read after it made `made`.
 * `owned` is that list reduced to the node's subscriptions in this installation. The winner
 * deletes the node's subscriptions that no repair in progress made (the old ones, whose secrets
 * are lost); other repairs' fresh sets are left to their own processes, which lose and delete them.
 */
export function repairVerdict(owned: LiveSubscription[], made: LiveSubscription[], events: string[], now: number): RepairVerdict {
	const mine = new Set(made.map((s) => s.id));
	const candidates = [
		...made,
		...owned.filter((s) => !mine.has(s.id) && events.includes(s.event) && isFreshRepair(s.target, now)),
	].sort(madeBefore);
	const won = candidates.length > 0 && mine.has(candidates[0].id);
	if (!won) return { won, remove: made };
	return { won, remove: owned.filter((s) => !mine.has(s.id) && !isFreshRepair(s.target, now)) };
}

/** Whether Krebit's list shows another repair in progress (or just done): then this process makes nothing. */
export function repairUnderWay(owned: LiveSubscription[], events: string[], now: number): boolean {
	return owned.some((s) => events.includes(s.event) && isFreshRepair(s.target, now));
}
