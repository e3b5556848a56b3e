import {
	NodeOperationError,
	type IDataObject,
	type ILoadOptionsFunctions,
	type INodeListSearchItems,
	type INodeListSearchResult,
} from 'n8n-workflow';

import { krebitOrigin, krebitRequest, unwrapList, type ListPage } from '../../shared/transport/request';
import { recordId, type RecordKind } from '../actions/records';

/**
 * How much one "From List" load may read. Krebit has no search parameter, so a search reads
 * the list page by page and matches here. Without a search, one page per load is enough: the
 * editor asks for the next page when the user scrolls.
 */
export const SEARCH_BUDGET = {
	/** Asked per page; Krebit may grant fewer (its sandbox caps pages at 50). */
	pageSize: 100,
	/** Pages one search load reads at most: 6,000 records at 50 per page, 12,000 at 100. */
	pagesPerSearch: 120,
	/** Pages read at the same time during a search. */
	parallel: 6,
	/**
	 * A search load stops once it holds this many matches. The editor loads more search
	 * results only when the list is scrolled to its end, so fewer would leave nothing to scroll.
	 */
	enoughMatches: 20,
};

interface SearchQuery {
	text: string;
	/** For a number-like search (an org number): the digits, without spaces or hyphens. */
	digits?: string;
}

const SPACES_AND_HYPHENS = /[\s-]/g;

function searchQuery(filter: string | undefined): SearchQuery | undefined {
	const text = (filter ?? '').normalize('NFC').trim().toLowerCase();
	if (!text) return undefined;
	const digits = /^[\d\s-]+$/.test(text) ? text.replace(SPACES_AND_HYPHENS, '') : '';
	return { text, digits: digits || undefined };
}

/** Case-insensitive, in any of the kind's search fields; org numbers also without "-" or spaces; or the exact ID. */
function matches(kind: RecordKind, record: IDataObject, query: SearchQuery | undefined): boolean {
	if (!query) return true;
	if (recordId(kind, record).toLowerCase() === query.text) return true;
	return kind.searchText(record).some((value) => {
		if (value === undefined || value === null || typeof value === 'object') return false;
		const field = String(value).normalize('NFC').toLowerCase();
		return field.includes(query.text) || (!!query.digits && field.replace(SPACES_AND_HYPHENS, '').includes(query.digits));
	});
}

/**
 * Where the next load goes on: the page to read, the largest page seen so far (a shorter page
 * ends a list without paging metadata) and the first ID of the page read last (a list Krebit
 * does not page repeats it).
 */
interface Cursor {
	page: number;
	largestPage: number;
	previousFirstId?: string;
}

function writeCursor(cursor: Cursor): string {
	return `${cursor.page}:${cursor.largestPage}:${cursor.previousFirstId ?? ''}`;
}

function readCursor(token: string | undefined): Cursor {
	const match = /^(\d{1,6}):(\d{1,6}):(.*)$/.exec(token ?? '');
	if (!match || Number(match[1]) < 1) return { page: 1, largestPage: 0 };
	return { page: Number(match[1]), largestPage: Number(match[2]), previousFirstId: match[3] || undefined };
}

function numberOf(value: unknown): number | undefined {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof number === 'number' && Number.isFinite(number) ? number : undefined;
}

/** Whether `list` (page `page`) is the list's last page, as far as Krebit tells. */
function isLastPage(page: number, list: ListPage, largestPageSoFar: number): boolean {
	const lastPage = numberOf(list.meta?.last_page);
	if (lastPage !== undefined) return page >= lastPage;
	const to = numberOf(list.meta?.to);
	const total = numberOf(list.meta?.total);
	if (to !== undefined && total !== undefined) return to >= total;
	if (list.links && 'next' in list.links) return !list.links.next;
	// No paging metadata: a page shorter than the ones before it ends the list. The page size
	// granted is never assumed to be the one asked for.
	return largestPageSoFar > 0 && list.records.length < largestPageSoFar;
}

async function readPage(context: ILoadOptionsFunctions, kind: RecordKind, page: number): Promise<ListPage> {
	const body = await krebitRequest(context, {
		method: 'GET',
		path: kind.listPath,
		qs: { limit: SEARCH_BUDGET.pageSize, page },
		itemIndex: 0,
		action: `List ${kind.noun}s`,
	});
	const list = unwrapList(body);
	if (!list) {
		throw new NodeOperationError(context.getNode(), `Krebit did not answer with a list of ${kind.noun}s`, {
			description: `Page ${page} of ${kind.listPath} had no "data" array. Choose "By ID" instead.`,
		});
	}
	return list;
}

/**
 * One "From List" load: from the page the token names, reads pages (several at a time during a
 * search) until the search has enough matches, the list ends, or the load's page budget is
 * spent; returns the records that match and a token for the next load.
 */
export async function searchRecords(
	context: ILoadOptionsFunctions,
	kind: RecordKind,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const query = searchQuery(filter);
	const budget = query ? SEARCH_BUDGET.pagesPerSearch : 1;
	const origin = kind.webPath ? await krebitOrigin(context) : undefined;
	let { page, largestPage, previousFirstId } = readCursor(paginationToken);
	let lastPage: number | undefined;
	let pagesRead = 0;
	let ended = false;
	const results: INodeListSearchItems[] = [];

	while (!ended && pagesRead < budget && (!query || results.length < SEARCH_BUDGET.enoughMatches)) {
		// The first page alone tells the page count (with meta); later pages go several at a time.
		const remaining = lastPage === undefined ? SEARCH_BUDGET.parallel : lastPage - page + 1;
		const count = pagesRead === 0 ? 1 : Math.max(1, Math.min(SEARCH_BUDGET.parallel, budget - pagesRead, remaining));
		const lists = await Promise.all(Array.from({ length: count }, (_, i) => readPage(context, kind, page + i)));

		for (const list of lists) {
			const firstId = list.records.length > 0 ? recordId(kind, list.records[0]) : undefined;
			const reportedPage = numberOf(list.meta?.current_page);
			// An empty page, or one Krebit did not page (the same records again), ends the list.
			const repeated = firstId !== undefined && firstId !== '' && firstId === previousFirstId;
			if (firstId === undefined || repeated || (reportedPage !== undefined && reportedPage !== page)) {
				ended = true;
				break;
			}
			for (const record of list.records) {
				if (!matches(kind, record, query)) continue;
				const id = recordId(kind, record);
				results.push({
					name: kind.label(record),
					value: id,
					...(origin ? { url: `${origin}/${kind.webPath}/${encodeURIComponent(id)}` } : {}),
				});
			}
			pagesRead++;
			lastPage = numberOf(list.meta?.last_page) ?? lastPage;
			if (isLastPage(page, list, largestPage)) ended = true;
			largestPage = Math.max(largestPage, list.records.length);
			previousFirstId = firstId;
			page++;
			if (ended) break;
		}
	}
	return { results, paginationToken: ended ? undefined : writeCursor({ page, largestPage, previousFirstId }) };
}
