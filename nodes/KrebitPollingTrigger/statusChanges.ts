import type { IDataObject } from 'n8n-workflow';

import { idOf, timeOf } from './catalogue';
import { keepNewest } from './keepNewest';

/** At most this many signings' statuses are remembered. */
export const MAX_STATUSES = 1000;

export const STATUS_SCOPE = 'signingStatusChanged';

/**
 * The last status seen of each signing, kept in the node's static data as plain JSON.
 * Invariant: every signing listed at the last successful poll whose `updated_at` is at or
 * above `floor` is in `statuses`.
 */
export interface StatusCursor {
	scope: typeof STATUS_SCOPE;
	/** null while every listed signing is remembered; else the signings not remembered were last updated below it. */
	floor: number | null;
	/**
	 * `[id, status, updated position]`, most recently updated first; a fourth element `1` marks
	 * a signing missing from the last read, kept once (a shift during a read hides a signing
	 * for one read; one missing twice in a row is taken as deleted).
	 */
	statuses: StatusEntry[];
}

type StatusEntry = [string, string, number] | [string, string, number, 1];

export interface StatusChange {
	signing: IDataObject;
	/** The status the trigger saw before; null for a signing it had not seen. */
	previousStatus: string | null;
}

type Position = (record: IDataObject) => number;

const statusOf = (signing: IDataObject) => String(signing.status ?? '');

/** Keeps the MAX_STATUSES most recently updated, most recent first, raising the floor over the rest. */
function bounded(floor: number | null, statuses: StatusEntry[]): StatusCursor {
	const sorted = [...statuses].sort((a, b) => b[2] - a[2]);
	const { floor: raised, kept } = keepNewest(sorted, floor, MAX_STATUSES, ([, , updated]) => updated);
	return { scope: STATUS_SCOPE, floor: raised, statuses: kept };
}

/** The first poll: remember every signing's status, emit nothing. */
export function startStatusCursor(signings: IDataObject[], position: Position): StatusCursor {
	return bounded(
		null,
		signings.map((signing) => [String(idOf(signing)), statusOf(signing), position(signing)]),
	);
}

/**
 * Compares the whole signing list with the statuses last seen. A remembered signing changed
 * when its status differs. A signing not remembered and updated below the floor has not
 * changed since it was forgotten. Any other signing not remembered is new since the last poll
 * (created at or above the floor, or nothing was ever forgotten): it counts as changed unless
 * it is still a draft, as Krebit creates every signing (POST /signings creates a draft); or it
 * was forgotten and has been updated since: counted as changed, its previous status unknown.
 */
export function trackStatusChanges(
	cursor: StatusCursor,
	signings: IDataObject[],
	position: Position,
): { changes: StatusChange[]; next: StatusCursor } {
	const known = new Map(cursor.statuses.map(([id, status]) => [id, status]));
	const { floor } = cursor;
	const changes: StatusChange[] = [];
	const statuses: StatusEntry[] = [];
	const listed = new Set<string>();
	for (const signing of signings) {
		const id = String(idOf(signing));
		const status = statusOf(signing);
		const updated = position(signing);
		const previous = known.get(id);
		listed.add(id);
		if (previous === undefined && floor !== null && updated < floor) continue;
		statuses.push([id, status, updated]);
		if (previous !== undefined) {
			if (previous !== status) changes.push({ signing, previousStatus: previous });
			continue;
		}
		const created = timeOf(signing.created_at);
		const isNew = floor === null || (created !== undefined && created >= floor);
		if (!isNew || status.toLowerCase() !== 'draft') changes.push({ signing, previousStatus: null });
	}
	for (const [id, status, updated, missed] of cursor.statuses) {
		if (!listed.has(id) && !missed) statuses.push([id, status, updated, 1]);
	}
	changes.sort((a, b) => position(a.signing) - position(b.signing));
	return { changes, next: bounded(floor, statuses) };
}

/** A stored value that really is a StatusCursor (else the trigger starts afresh). */
export function isStatusCursor(value: unknown): value is StatusCursor {
	if (typeof value !== 'object' || value === null) return false;
	const cursor = value as Partial<StatusCursor>;
	return (
		cursor.scope === STATUS_SCOPE &&
		(cursor.floor === null || typeof cursor.floor === 'number') &&
		Array.isArray(cursor.statuses) &&
		cursor.statuses.every(
			(entry) =>
				Array.isArray(entry) &&
				typeof entry[0] === 'string' &&
				typeof entry[1] === 'string' &&
				typeof entry[2] === 'number' &&
				(entry.length === 3 || (entry.length === 4 && entry[3] === 1)),
		)
	);
}
