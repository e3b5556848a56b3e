import {
	type IDataObject,
	type ILoadOptionsFunctions,
	type INodeListSearchItems,
	type INodeListSearchResult,
} from 'n8n-workflow';

import { ListReader } from '../../shared/lists/listReader';
import { CREDENTIAL_TYPE, krebitOrigin } from '../../shared/transport/request';
import { recordId, type RecordKind } from '../actions/records';
import { addToList, cachedList, cacheKey, type CachedList } from './recordCache';

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

/** A load's place in the list: how many records, in list order, earlier loads went through. */
function readPosition(token: string | undefined): number {
	const match = /^(\d{1,7})$/.exec(token ?? '');
	return match ? Number(match[1]) : 0;
}

/** The cache key of this tenant's list for this credential. */
export async function listKey(context: ILoadOptionsFunctions, origin: string, listPath: string): Promise<string> {
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	const credentialId = context.getNode().credentials?.[CREDENTIAL_TYPE]?.id ?? '';
	return cacheKey(origin, credentialId, String(credentials.clientId ?? ''), listPath);
}

/**
 * Reads the next pages of a cached list (page 1 alone, later ones several at a time) and adds
 * them to it. Loads that run at once (the editor sends one per keystroke) wait for each other,
 * so no page is read or added twice. Returns how many pages were read.
 */
export async function readMore(context: ILoadOptionsFunctions, kind: RecordKind, list: CachedList, most: number): Promise<number> {
	while (list.reading) await list.reading;
	if (list.complete || list.full) return 0;
	const reading = readPages(context, kind, list, most);
	list.reading = reading.then(
		() => undefined,
		() => undefined,
	);
	try {
		return await reading;
	} finally {
		list.reading = undefined;
	}
}

async function readPages(context: ILoadOptionsFunctions, kind: RecordKind, list: CachedList, most: number): Promise<number> {
	const source = { path: kind.listPath, itemIndex: 0, action: `List ${kind.noun}s`, pageSize: SEARCH_BUDGET.pageSize };
	const reader = new ListReader(context, source, list.state);
	const first = list.nextPage;
	const remaining = list.state.pageCount === undefined ? SEARCH_BUDGET.parallel : list.state.pageCount - first + 1;
	const count = first === 1 ? 1 : Math.max(1, Math.min(SEARCH_BUDGET.parallel, most, remaining));
	const pages = await Promise.all(Array.from({ length: count }, async (_, i) => await reader.read(first + i)));
	let read = 0;
	for (const page of pages) {
		const records = reader.take(page);
		read++;
		if (!(reader.ended && records.length === 0)) addToList(list, records);
		list.nextPage = page.number + 1;
		if (reader.ended || list.full) break;
	}
	list.state = reader.state;
	list.complete = reader.ended;
	return read;
}

/**
 * One "From List" load: goes on from the position the token names through the records earlier
 * loads read for this tenant and credential (kept for 10 minutes, see `RECORD_CACHE`), and
 * reads further pages only where those end, until the search has enough matches, the list ends,
 * or the load's page budget is spent. A repeated search within the cache's age sends nothing.
 */
export async function searchRecords(
	context: ILoadOptionsFunctions,
	kind: RecordKind,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const query = searchQuery(filter);
	const budget = query ? SEARCH_BUDGET.pagesPerSearch : 1;
	const wanted = query ? SEARCH_BUDGET.enoughMatches : Infinity;
	const origin = await krebitOrigin(context);
	const list = cachedList(await listKey(context, origin, kind.listPath));
	const start = readPosition(paginationToken);
	let position = start;
	const results: INodeListSearchItems[] = [];

	for (;;) {
		// The budget counts pages' worth of records looked at, read now or earlier.
		const pageWidth = list.state.largestPage || SEARCH_BUDGET.pageSize;
		const limit = start + budget * pageWidth;
		for (; position < list.records.length && position < limit && results.length < wanted; position++) {
			const record = list.records[position];
			if (!matches(kind, record, query)) continue;
			const id = recordId(kind, record);
			results.push({
				name: kind.label(record),
				value: id,
				...(kind.webPath ? { url: `${origin}/${kind.webPath}/${encodeURIComponent(id)}` } : {}),
			});
		}
		if (results.length >= wanted || position >= limit || list.complete || list.full) break;
		await readMore(context, kind, list, Math.ceil((limit - list.records.length) / pageWidth));
	}
	const more = position < list.records.length || !(list.complete || list.full);
	return { results, paginationToken: more ? String(position) : undefined };
}
