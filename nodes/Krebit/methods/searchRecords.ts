import {
	type IDataObject,
	type ILoadOptionsFunctions,
	type INodeListSearchItems,
	type INodeListSearchResult,
} from 'n8n-workflow';

import { ListReader, type ReaderState } from '../../shared/lists/listReader';
import { krebitOrigin } from '../../shared/transport/request';
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
 * ends a list without paging metadata), the page count page 1's meta gave (when trusted) and
 * the first ID of the page read last (a list Krebit does not page repeats it).
 */
interface Cursor extends ReaderState {
	page: number;
}

function writeCursor(cursor: Cursor): string {
	return `${cursor.page}:${cursor.largestPage}:${cursor.pageCount ?? ''}:${cursor.previousFirstKey ?? ''}`;
}

function readCursor(token: string | undefined): Cursor {
	const match = /^(\d{1,6}):(\d{1,6}):(\d{0,6}):(.*)$/.exec(token ?? '');
	if (!match || Number(match[1]) < 1) return { page: 1, largestPage: 0 };
	const pageCount = match[3] ? Number(match[3]) : undefined;
	return { page: Number(match[1]), largestPage: Number(match[2]), pageCount, previousFirstKey: match[4] || undefined };
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
	const cursor = readCursor(paginationToken);
	const source = { path: kind.listPath, itemIndex: 0, action: `List ${kind.noun}s`, pageSize: SEARCH_BUDGET.pageSize };
	const reader = new ListReader(context, source, cursor);
	let page = cursor.page;
	let pagesRead = 0;
	const results: INodeListSearchItems[] = [];

	while (!reader.ended && pagesRead < budget && (!query || results.length < SEARCH_BUDGET.enoughMatches)) {
		// The first page alone tells the page count (with meta); later pages go several at a time.
		const remaining = reader.pageCount === undefined ? SEARCH_BUDGET.parallel : reader.pageCount - page + 1;
		const count = pagesRead === 0 ? 1 : Math.max(1, Math.min(SEARCH_BUDGET.parallel, budget - pagesRead, remaining));
		const pages = await Promise.all(Array.from({ length: count }, async (_, i) => await reader.read(page + i)));
		for (const read of pages) {
			const records = reader.take(read);
			if (reader.ended && records.length === 0) break;
			for (const record of records) {
				if (!matches(kind, record, query)) continue;
				const id = recordId(kind, record);
				results.push({
					name: kind.label(record),
					value: id,
					...(origin ? { url: `${origin}/${kind.webPath}/${encodeURIComponent(id)}` } : {}),
				});
			}
			pagesRead++;
			page++;
			if (reader.ended) break;
		}
	}
	return { results, paginationToken: reader.ended ? undefined : writeCursor({ page, ...reader.state }) };
}
