import { createHash } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

import type { ReaderState } from '../../shared/lists/listReader';

/**
 * What picker loads have read, so a repeated search answers from memory. Krebit's Clients guide
 * recommends caching client answers for 5 to 15 minutes. Entries are kept per tenant, per
 * credential (its n8n id and its OAuth client id) and per list, so one credential's records
 * never answer another's search. Time is compared with Date.now(): nothing runs in the
 * background, an expired entry is dropped when it is next asked for.
 */
export const RECORD_CACHE = {
	/** How long a read list answers searches: 10 minutes, inside the guide's 5-15. */
	maxAgeMs: 10 * 60_000,
	/** Lists kept at once (tenants × credentials × kinds); the least recently used goes first. */
	maxLists: 24,
	/** Records kept per list; past it, reads go on but what they add is not kept. */
	maxRecordsPerList: 12_000,
	/** Single records fetched by ID (client names for the Act picker) kept per tenant and credential. */
	maxSingleRecords: 2_000,
};

/** One list as far as picker loads have read it, in the API's order. */
export interface CachedList {
	readonly readAt: number;
	records: IDataObject[];
	/** Where reading goes on: the next page and the reader's state after the last page taken. */
	nextPage: number;
	state: ReaderState;
	/** The whole list is in `records`. */
	complete: boolean;
	/** More was read than is kept: `records` is a prefix and cannot grow any more. */
	full: boolean;
	/** Set while a load reads further pages; other loads wait for it. */
	reading?: Promise<void>;
}

interface SingleRecords {
	readAt: number;
	byId: Map<string, IDataObject>;
}

const lists = new Map<string, CachedList>();
const singles = new Map<string, SingleRecords>();

/** The key of one tenant's list for one credential; a hash, so no secret or client id sits in memory as text. */
export function cacheKey(origin: string, credentialId: string, oauthClientId: string, listPath: string): string {
	return createHash('sha256').update(JSON.stringify([origin, credentialId, oauthClientId, listPath])).digest('hex');
}

function fresh<T extends { readAt: number }>(map: Map<string, T>, key: string, now: number): T | undefined {
	const entry = map.get(key);
	if (!entry) return undefined;
	if (now - entry.readAt >= RECORD_CACHE.maxAgeMs || now < entry.readAt) {
		map.delete(key);
		return undefined;
	}
	// Re-inserted so the Map's order is least recently used first.
	map.delete(key);
	map.set(key, entry);
	return entry;
}

function bound<T>(map: Map<string, T>, max: number) {
	for (const key of map.keys()) {
		if (map.size <= max) break;
		map.delete(key);
	}
}

/** The list under `key` while it is younger than the maximum age, else a new, empty one. */
export function cachedList(key: string, now = Date.now()): CachedList {
	const found = fresh(lists, key, now);
	if (found) return found;
	const created: CachedList = { readAt: now, records: [], nextPage: 1, state: { largestPage: 0 }, complete: false, full: false };
	lists.set(key, created);
	bound(lists, RECORD_CACHE.maxLists);
	return created;
}

/** Adds the records of the next page read, up to the per-list bound. */
export function addToList(list: CachedList, records: IDataObject[]) {
	const room = RECORD_CACHE.maxRecordsPerList - list.records.length;
	if (records.length > room) list.full = true;
	list.records.push(...records.slice(0, Math.max(0, room)));
}

/** Single records fetched by ID under `key` (cleared with the same maximum age). */
export function singleRecords(key: string, now = Date.now()): Map<string, IDataObject> {
	const found = fresh(singles, key, now);
	if (found) return found.byId;
	const created: SingleRecords = { readAt: now, byId: new Map() };
	singles.set(key, created);
	bound(singles, RECORD_CACHE.maxLists);
	return created.byId;
}

export function addSingleRecord(byId: Map<string, IDataObject>, id: string, record: IDataObject) {
	if (byId.size >= RECORD_CACHE.maxSingleRecords) byId.delete(byId.keys().next().value as string);
	byId.set(id, record);
}

/** How many lists are held (for tests of the bound). */
export function cachedListCount(): number {
	return lists.size;
}

/** Forgets everything (tests start each case from an empty cache). */
export function clearRecordCache() {
	lists.clear();
	singles.clear();
}
