import { NodeOperationError, type IDataObject, type IPollFunctions } from 'n8n-workflow';

import { PAGE_SIZE } from '../shared/transport/pagination';
import { krebitRequest, unwrapList } from '../shared/transport/request';
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
}

export interface WalkResult {
	/** The kept records read, oldest first, each once. */
	records: IDataObject[];
	newest: Newest;
	/** The floor the walk stopped at (what `floor` gave for everything read). */
	floor?: number;
}

interface Page {
	number: number;
	records: IDataObject[];
	lastPage?: number;
	/** Whether `links.next` names a next page; undefined without `links.next`. */
	hasNext?: boolean;
}

function numberOf(value: unknown): number | undefined {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof number === 'number' && Number.isFinite(number) ? number : undefined;
}

async function fetchPage(context: IPollFunctions, walk: ListWalk, number: number): Promise<Page> {
	const body = await krebitRequest(context, {
		method: 'GET',
		path: walk.path,
		qs: { ...walk.qs, limit: PAGE_SIZE, page: number },
		itemIndex: 0,
		action: walk.action,
	});
	const list = unwrapList(body);
	if (!list) {
		throw new NodeOperationError(context.getNode(), `${walk.action} failed: Krebit did not answer with a list`, {
			description: `Page ${number} of ${walk.path} had no "data" array.`,
		});
	}
	const next = list.links && 'next' in list.links ? list.links.next : undefined;
	return {
		number,
		records: list.records,
		lastPage: numberOf(list.meta?.last_page),
		hasNext: next === undefined ? undefined : next !== null && next !== '',
	};
}

/** Whether the list goes on after `page`: meta's last page, else links.next, else a full-looking page. */
function morePagesAfter(page: Page, fullestPage: number): boolean {
	if (page.records.length === 0) return false;
	if (page.lastPage !== undefined) return page.number < page.lastPage;
	if (page.hasNext !== undefined) return page.hasNext;
	return page.number === 1 || page.records.length >= fullestPage;
}

const signature = (records: IDataObject[]) => JSON.stringify(records.map((record) => idOf(record) ?? record));

/** Newest first or oldest first, from the first and last record read; undefined while they are level. */
function orderOf(records: IDataObject[], position: (record: IDataObject) => number) {
	if (records.length < 2) return undefined;
	const first = position(records[0]);
	const last = position(records[records.length - 1]);
	if (first === last) return undefined;
	return first > last ? 'newestFirst' : 'oldestFirst';
}

/**
 * Reads a Krebit list down to the records the caller still needs, in either order:
 * - newest first (acts, signings): page 1, 2, … until a page ends below the floor;
 * - oldest first (clients): page 1 for `meta.last_page`, then the last page, the one before, …
 *   until a page starts below the floor (without `meta`, every page, forward);
 * - order not yet visible (every record level so far): forward until it is.
 * Records the server shifts onto the next page while the walk runs are returned once.
 */
export async function walkList(context: IPollFunctions, walk: ListWalk): Promise<WalkResult> {
	const pages: Page[] = [];
	const newest: Newest = {};
	const read = (page: Page) => {
		pages.push(page);
		for (const record of page.records) {
			if (idOf(record) === undefined) {
				throw new NodeOperationError(context.getNode(), `${walk.action} failed: Krebit listed a record without an id`, {
					description: `A record on page ${page.number} of ${walk.path} has neither "id" nor "uuid", so the trigger cannot tell whether it saw it before.`,
				});
			}
			const position = walk.position(record);
			newest.all = Math.max(newest.all ?? position, position);
			if (!walk.keep || walk.keep(record)) newest.kept = Math.max(newest.kept ?? position, position);
		}
	};

	const first = await fetchPage(context, walk, 1);
	read(first);
	let order = orderOf(first.records, walk.position);

	if (order === 'oldestFirst' && first.lastPage !== undefined) {
		for (let number = first.lastPage; number > 1; number--) {
			const page = await fetchPage(context, walk, number);
			read(page);
			const floor = walk.floor(newest);
			if (floor !== undefined && page.records.length > 0 && walk.position(page.records[0]) < floor) break;
		}
	} else {
		let page = first;
		let fullestPage = first.records.length;
		while (morePagesAfter(page, fullestPage)) {
			order ??= orderOf(pages.flatMap((p) => p.records), walk.position);
			const floor = walk.floor(newest);
			const lastRecord = page.records[page.records.length - 1];
			if (order === 'newestFirst' && floor !== undefined && walk.position(lastRecord) < floor) break;
			const next = await fetchPage(context, walk, page.number + 1);
			if (next.records.length > 0 && signature(next.records) === signature(page.records)) {
				// A list Krebit does not page answers every page with the whole list.
				if (page.number === 1 && first.lastPage === undefined) break;
				throw new NodeOperationError(context.getNode(), `${walk.action} failed: Krebit returned the same page twice`, {
					description: `Page ${next.number} of ${walk.path} repeated page ${page.number}. Nothing was emitted; the next poll tries again.`,
				});
			}
			read(next);
			fullestPage = Math.max(fullestPage, next.records.length);
			page = next;
		}
	}

	const inListOrder = pages.sort((a, b) => a.number - b.number).flatMap((page) => page.records);
	const oldestFirst = order === 'newestFirst' ? inListOrder.reverse() : inListOrder;
	const seen = new Set<string>();
	const records = oldestFirst.filter((record) => {
		const id = String(idOf(record));
		if (seen.has(id)) return false;
		seen.add(id);
		return !walk.keep || walk.keep(record);
	});
	return { records, newest, floor: walk.floor(newest) };
}
