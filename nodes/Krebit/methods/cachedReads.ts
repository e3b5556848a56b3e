import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { ListReader } from '../../shared/lists/listReader';
import { CREDENTIAL_TYPE } from '../../shared/transport/request';
import type { RecordKind } from '../../shared/records';
import { addToList, cacheKey, type CachedList } from './recordCache';

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
