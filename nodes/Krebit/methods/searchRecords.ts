import {
	type IDataObject,
	type ILoadOptionsFunctions,
	type INodeListSearchItems,
	type INodeListSearchResult,
} from 'n8n-workflow';

import { krebitOrigin } from '../../shared/transport/request';
import { CLIENT, recordId, type RecordKind } from '../../shared/records';
import { listKey, readMore, SEARCH_BUDGET } from './cachedReads';
import { ClientNames } from './clientNames';
import { clientsByOrgNumber, sameOrgNumber } from './orgNumberLookup';
import { cachedList } from './recordCache';

export { SEARCH_BUDGET } from './cachedReads';

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

/**
 * One "From List" load: goes on from the position the token names through the records earlier
 * loads read for this tenant and credential (kept for 10 minutes, see `RECORD_CACHE`), and
 * reads further pages only where those end, until the search has enough matches, the list ends,
 * or the load's page budget is spent. A repeated search within the cache's age sends nothing.
 * A whole org number asks Krebit's org-number lookup first (see orgNumberLookup.ts).
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
	const itemOf = (record: IDataObject, client?: IDataObject): INodeListSearchItems => {
		const id = recordId(kind, record);
		return { name: kind.label(record, client), value: id, ...(kind.webPath ? { url: `${origin}/${kind.webPath}/${encodeURIComponent(id)}` } : {}) };
	};
	const list = cachedList(await listKey(context, origin, kind.listPath));
	// A whole org number the cached list does not hold yet: Krebit's lookup, not the list.
	if (kind === CLIENT && query?.digits && paginationToken === undefined && !list.records.some((record) => sameOrgNumber(record, query.text))) {
		const byOrgNumber = await clientsByOrgNumber(context, origin, query.text);
		if (byOrgNumber) return { results: byOrgNumber.map((record) => itemOf(record)) };
	}
	// Acts name their client by ID only: names come from the client cache (see ClientNames).
	const clients = kind.clientField ? await ClientNames.load(context, origin, query !== undefined) : undefined;
	const start = readPosition(paginationToken);
	let position = start;
	const found: IDataObject[] = [];

	for (;;) {
		// The budget counts pages' worth of records looked at, read now or earlier.
		const pageWidth = list.state.largestPage || SEARCH_BUDGET.pageSize;
		const limit = start + budget * pageWidth;
		for (; position < list.records.length && position < limit && found.length < wanted; position++) {
			const record = list.records[position];
			const client = kind.clientField ? clients?.get(record[kind.clientField]) : undefined;
			if (matches(kind, record, query) || (client && query && matches(CLIENT, client, query))) found.push(record);
		}
		if (found.length >= wanted || position >= limit || list.complete || list.full) break;
		await readMore(context, kind, list, Math.ceil((limit - list.records.length) / pageWidth));
	}
	if (clients && kind.clientField) await clients.lookUp(found.map((record) => record[kind.clientField as string]));

	const results = found.map((record) => itemOf(record, kind.clientField ? clients?.get(record[kind.clientField]) : undefined));
	const more = position < list.records.length || !(list.complete || list.full);
	return { results, paginationToken: more ? String(position) : undefined };
}
