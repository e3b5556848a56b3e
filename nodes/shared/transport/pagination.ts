import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import { krebitRequest, unwrapList, type KrebitContext } from './request';

/** What we ask for per page; Krebit may return fewer (it can cap the page size). */
export const PAGE_SIZE = 100;

/** A safety stop far above any real list, so a server that never ends cannot loop forever. */
const MAX_PAGES = 100_000;

export interface ListRequest {
	path: string;
	qs?: IDataObject;
	itemIndex: number;
	action: string;
	returnAll: boolean;
	/** With returnAll false: how many records at most. */
	limit?: number;
	/** Records that do not pass are dropped before counting towards the limit. */
	keep?: (record: IDataObject) => boolean;
}

function pageSignature(records: IDataObject[]): string {
	return JSON.stringify(records.map((record) => record.id ?? record.uuid ?? record));
}

function numberOf(value: unknown): number | undefined {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof number === 'number' && Number.isFinite(number) ? number : undefined;
}

/**
 * Reads a Krebit list page by page (`limit` and 1-based `page`). With `meta`, its `last_page`
 * and `total` end the walk; without it, an empty page, a page shorter than the pages the
 * server has been returning, or `links.next` being null does. A page repeated by the server
 * stops the walk with an error instead of returning duplicates. Limit asks for no more pages
 * than it needs.
 */
export async function krebitList(context: KrebitContext, request: ListRequest): Promise<IDataObject[]> {
	const wanted = request.returnAll ? Infinity : Math.max(0, Math.floor(request.limit ?? 50));
	const collected: IDataObject[] = [];
	if (wanted === 0) return collected;
	const pageSize = Math.min(PAGE_SIZE, wanted);
	let largestPage = 0;
	let fetchedRecords = 0;
	let previousSignature: string | undefined;

	for (let page = 1; page <= MAX_PAGES; page++) {
		const body = await krebitRequest(context, {
			method: 'GET',
			path: request.path,
			qs: { ...request.qs, limit: pageSize, page },
			itemIndex: request.itemIndex,
			action: request.action,
		});
		const list = unwrapList(body);
		if (!list) {
			throw new NodeOperationError(context.getNode(), `${request.action} failed: Krebit did not answer with a list`, {
				description: `Page ${page} of ${request.path} had no "data" array.`,
				itemIndex: request.itemIndex,
			});
		}
		const { records, meta, links } = list;
		if (records.length === 0) break;

		const signature = pageSignature(records);
		const reportedPage = numberOf(meta?.current_page);
		// A list Krebit does not page at all answers every page with the whole list: when the
		// first page was already shorter than asked, it held everything.
		if (!meta && page === 2 && signature === previousSignature && largestPage < pageSize) break;
		if (signature === previousSignature || (reportedPage !== undefined && reportedPage !== page)) {
			throw new NodeOperationError(context.getNode(), `${request.action} failed: Krebit returned the same page twice`, {
				description: `Asked for page ${page} of ${request.path}, Krebit answered with page ${reportedPage ?? page - 1} again. Stopped so no record is returned twice.`,
				itemIndex: request.itemIndex,
			});
		}
		previousSignature = signature;

		for (const record of records) {
			if (request.keep && !request.keep(record)) continue;
			collected.push(record);
			if (collected.length >= wanted) return collected;
		}
		fetchedRecords += records.length;

		const lastPage = numberOf(meta?.last_page);
		const total = numberOf(meta?.total);
		if (lastPage !== undefined && page >= lastPage) break;
		if (total !== undefined && fetchedRecords >= total) break;
		if (links && 'next' in links && (links.next === null || links.next === '')) break;
		if (!meta && page > 1 && records.length < largestPage) break;
		largestPage = Math.max(largestPage, records.length);
	}
	return collected;
}
