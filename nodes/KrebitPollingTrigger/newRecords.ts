import type { IDataObject } from 'n8n-workflow';

import { idOf } from './catalogue';
import { keepNewest } from './keepNewest';

/** At most this many ids are remembered per cursor. */
export const MAX_SEEN = 1000;

/**
 * Where the trigger stands in one list, kept in the node's static data as plain JSON.
 * Invariant: every record positioned at or above `floor` that existed at the last successful
 * poll is in `seen`. So a record is new exactly when it is at or above the floor and not seen.
 */
export interface RecordCursor {
	/** The event and filter this cursor belongs to; another scope starts afresh. */
	scope: string;
	/** Records below it are never new again; null when the list was empty: everything is new. */
	floor: number | null;
	/** `[id, position]` of the records at or above the floor. */
	seen: Array<[string, number]>;
	/** The last page of an oldest-first list without a trusted page count: the next walk starts there. */
	lastPage?: number;
}

type Position = (record: IDataObject) => number;

/** Drops what fell below the floor, then keeps the newest MAX_SEEN, raising the floor over the rest. */
function bounded(scope: string, floor: number | null, seen: Array<[string, number]>): RecordCursor {
	const above = floor === null ? seen : seen.filter(([, position]) => position >= floor);
	const { floor: raised, kept } = keepNewest(above, floor, MAX_SEEN, ([, position]) => position);
	return { scope, floor: raised, seen: kept };
}

/**
 * The first poll's cursor: "now" is the newest record listed. Nothing is emitted; the records
 * from `floor` up are marked seen. `floor` is where the walk stopped (the newest record read,
 * less the lookback), undefined when the list was empty.
 */
export function startCursor(scope: string, records: IDataObject[], floor: number | undefined, position: Position): RecordCursor {
	if (floor === undefined) return { scope, floor: null, seen: [] };
	const seen = records
		.filter((record) => position(record) >= floor)
		.map((record): [string, number] => [String(idOf(record)), position(record)]);
	return bounded(scope, floor, seen);
}

/**
 * The records that appeared since the cursor, oldest first, and the cursor after them.
 * `records` are the (kept) records read down to the cursor's floor, oldest first, each once;
 * `newestAll` the newest position among every record read, kept or not, capped at the time of
 * the poll by the caller. Seen records missing from this read stay seen (a shift during the
 * read can hide a record once; it is not new when it shows up again).
 */
export function advanceCursor(
	cursor: RecordCursor,
	records: IDataObject[],
	newestAll: number | undefined,
	lookback: number,
	position: Position,
): { fresh: IDataObject[]; next: RecordCursor } {
	const seen = new Set(cursor.seen.map(([id]) => id));
	const floor = cursor.floor;
	const fresh = records
		.filter((record) => (floor === null || position(record) >= floor) && !seen.has(String(idOf(record))))
		// Stable: records level in time keep the list's order.
		.sort((a, b) => position(a) - position(b));
	const nextSeen: Array<[string, number]> = [
		...cursor.seen,
		...fresh.map((record): [string, number] => [String(idOf(record)), position(record)]),
	];
	const nextFloor = newestAll === undefined ? floor : Math.max(floor ?? -Infinity, newestAll - lookback);
	return { fresh, next: bounded(cursor.scope, nextFloor, nextSeen) };
}

/** A stored value that really is a RecordCursor for `scope` (else the trigger starts afresh). */
export function isRecordCursor(value: unknown, scope: string): value is RecordCursor {
	if (typeof value !== 'object' || value === null) return false;
	const cursor = value as Partial<RecordCursor>;
	return (
		cursor.scope === scope &&
		(cursor.floor === null || typeof cursor.floor === 'number') &&
		Array.isArray(cursor.seen) &&
		(cursor.lastPage === undefined || (Number.isInteger(cursor.lastPage) && cursor.lastPage >= 1)) &&
		cursor.seen.every((entry) => Array.isArray(entry) && typeof entry[0] === 'string' && typeof entry[1] === 'number')
	);
}
