import { NodeOperationError, type IDataObject, type IPollFunctions } from 'n8n-workflow';

import { ListReader } from '../shared/lists/listReader';
import type { Page } from '../shared/lists/pageRules';
import { idOf } from './catalogue';

/** The newest positions read so far: over every record, and over the records kept. */
export interface Newest {
	all?: number;
	kept?: number;
}

export interface ListWalk {
	/** Relative to /api/1.0. */
	path: string;
	qs?: IDataObject;
	/** What is being done, for errors: "Poll Krebit for new acts". */
	action: string;
	/** Where a record stands in time (higher is newer); throws when a record cannot be placed. */
	position: (record: IDataObject) => number;
	/** Records that do not pass are read (they still tell where the walk is) but not returned. */
	keep?: (record: IDataObject) => boolean;
	/**
	 * The lowest position still wanted, given the newest positions read so far; undefined reads
	 * on. The walk stops once the pages left can only hold records below it.
	 */
	floor: (newest: Newest) => number | undefined;
	/**
	 * The last page the list had at the previous walk. An oldest-first list without a page
	 * count to trust is read from there (and back as far as the floor needs), not from page 1.
	 */
	lastPageHint?: number;
}

export interface WalkResult {
	/** The kept records read, oldest first, each once. */
	records: IDataObject[];
	newest: Newest;
	/** The floor the walk stopped at (what `floor` gave for everything read). */
	floor?: number;
	/** The last page that held records, when the walk read to the end of an oldest-first list. */
	lastPage?: number;
}

/** Newest first or oldest first, from the first and last record read; undefined while they are level. */
function orderOf(records: IDataObject[], position: (record: IDataObject) => number) {
	if (records.length < 2) return undefined;
	const first = position(records[0]);
	const last = position(records[records.length - 1]);
	if (first === last) return undefined;
	return first > last ? 'newestFirst' : 'oldestFirst';
}

/**
 * Reads a Krebit list down to the records the caller still needs, in either order, through the
 * one list reader (its rules for meta, links, repeats, the page cap and records once by id):
 * - newest first (acts, signings): page 1, 2, … until a page ends below the floor;
 * - oldest first (clients): page 1 for the page count, then the last page, the one before, …
 *   until a page starts below the floor; without a trusted count, from the last page of the
 *   previous walk (back as far as needed, then forward to the end), else forward from page 2;
 *   a page from the end that comes back empty also means forward from page 2;
 * - order not yet visible (every record level so far): forward until it is.
 * Pages next to one read later at another `meta.total` are read again (see ListReader).
 */
export async function walkList(context: IPollFunctions, walk: ListWalk): Promise<WalkResult> {
	const reader = new ListReader(context, { path: walk.path, qs: walk.qs, itemIndex: 0, action: walk.action });
	const newest: Newest = {};
	const note = (records: IDataObject[], page: number) => {
		for (const record of records) {
			if (idOf(record) === undefined) {
				throw new NodeOperationError(context.getNode(), `${walk.action} failed: Krebit listed a record without an id`, {
					description: `A record on page ${page} of ${walk.path} has neither "id" nor "uuid", so the trigger cannot tell whether it saw it before.`,
				});
			}
			const position = walk.position(record);
			newest.all = Math.max(newest.all ?? position, position);
			if (!walk.keep || walk.keep(record)) newest.kept = Math.max(newest.kept ?? position, position);
		}
	};
	const startsBelowFloor = (page: Page) => {
		const floor = walk.floor(newest);
		return floor !== undefined && page.records.length > 0 && walk.position(page.records[0]) < floor;
	};

	const first = await reader.read(1);
	note(reader.take(first), 1);
	let order = orderOf(first.records, walk.position);
	let forwardFrom: Page | undefined = first;

	/** Pages `from`, `from - 1`, … taken until one starts below the floor; false at an empty page. */
	const walkBack = async (from: number) => {
		for (let number = from; number > 1; number--) {
			const page = await reader.read(number);
			if (page.records.length === 0) return false;
			note(reader.takeOutOfOrder(page), number);
			if (startsBelowFloor(page)) break;
		}
		return true;
	};
	const hint = walk.lastPageHint;
	if (order === 'oldestFirst' && !reader.ended && reader.pageCount !== undefined) {
		// An empty page from the end: the count was wrong. Read forward, where the rules stop.
		forwardFrom = (await walkBack(reader.pageCount)) ? undefined : first;
	} else if (order === 'oldestFirst' && !reader.ended && hint !== undefined && hint > 1) {
		const last = await reader.read(hint);
		if (last.records.length > 0) {
			note(reader.take(last), hint);
			if (!startsBelowFloor(last)) await walkBack(hint - 1);
			forwardFrom = last;
		}
	}
	for (let page = forwardFrom; page && !reader.ended; ) {
		order ??= orderOf(reader.inListOrder(), walk.position);
		const floor = walk.floor(newest);
		const lastRecord = page.records[page.records.length - 1];
		if (order === 'newestFirst' && floor !== undefined && walk.position(lastRecord) < floor) break;
		const next = await reader.read(page.number + 1);
		note(reader.take(next), next.number);
		page = next;
	}
	note(await reader.readAgainWhereShifted(), 0);

	const inListOrder = reader.inListOrder();
	const oldestFirst = order === 'newestFirst' ? inListOrder.reverse() : inListOrder;
	const records = walk.keep ? oldestFirst.filter(walk.keep) : oldestFirst;
	const filled = reader.reads.filter((page) => page.records.length > 0).map((page) => page.number);
	const lastPage = order === 'oldestFirst' && reader.ended ? Math.max(1, ...filled) : undefined;
	return { records, newest, floor: walk.floor(newest), lastPage };
}
