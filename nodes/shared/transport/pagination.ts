import { NodeOperationError, sleep, type IDataObject } from 'n8n-workflow';

import { runPool, type PoolControl } from './pool';
import { krebitRequest, unwrapList, type KrebitContext, type ListPage } from './request';

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
	/** Pages read at once when Krebit says how many pages there are (1 to 10, default 4). */
	concurrency?: number;
}

interface Page extends ListPage {
	number: number;
}

function numberOf(value: unknown): number | undefined {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof number === 'number' && Number.isFinite(number) ? number : undefined;
}

function recordKey(record: IDataObject): unknown {
	return record.id ?? record.uuid ?? JSON.stringify(record);
}

/** Whether two pages hold the same records; unequal pages differ at once, at their first record. */
function samePage(a: IDataObject[], b: IDataObject[]): boolean {
	if (a.length !== b.length) return false;
	for (let i = 0; i < a.length; i++) if (recordKey(a[i]) !== recordKey(b[i])) return false;
	return true;
}

/** The records wanted, in page order: the first `wanted` that pass `keep`. */
class Collector {
	readonly records: IDataObject[] = [];

	constructor(
		readonly wanted: number,
		private readonly keep?: (record: IDataObject) => boolean,
	) {}

	get full(): boolean {
		return this.records.length >= this.wanted;
	}

	/** Takes a page's records; true once enough are collected. */
	add(records: IDataObject[]): boolean {
		for (const record of records) {
			if (this.keep && !this.keep(record)) continue;
			this.records.push(record);
			if (this.full) return true;
		}
		return false;
	}
}

function repeatedPageError(context: KrebitContext, request: ListRequest, page: number, reportedPage?: number) {
	return new NodeOperationError(context.getNode(), `${request.action} failed: Krebit returned the same page twice`, {
		description: `Asked for page ${page} of ${request.path}, Krebit answered with page ${reportedPage ?? page - 1} again. Stopped so no record is returned twice.`,
		itemIndex: request.itemIndex,
	});
}

/** One page, checked: a list, and the page asked for when `meta` says which page it is. */
async function fetchPage(
	context: KrebitContext,
	request: ListRequest,
	page: number,
	pageSize: number,
	pool?: PoolControl,
): Promise<Page> {
	const body = await krebitRequest(context, {
		method: 'GET',
		path: request.path,
		qs: { ...request.qs, limit: pageSize, page },
		itemIndex: request.itemIndex,
		action: request.action,
		// A 429 pauses and shrinks the whole pool; other retries wait for this page alone.
		waitBeforeRetry: pool ? (ms, status) => (status === 429 ? pool.rateLimited(ms) : sleep(ms)) : undefined,
	});
	const list = unwrapList(body);
	if (!list) {
		throw new NodeOperationError(context.getNode(), `${request.action} failed: Krebit did not answer with a list`, {
			description: `Page ${page} of ${request.path} had no "data" array.`,
			itemIndex: request.itemIndex,
		});
	}
	const reportedPage = numberOf(list.meta?.current_page);
	if (reportedPage !== undefined && reportedPage !== page) throw repeatedPageError(context, request, page, reportedPage);
	return { number: page, ...list };
}

/** How many pages the list has, when page 1's `meta` says so (`last_page`, or `total` / `per_page`). */
function lastPageOf(first: Page): number | undefined {
	const lastPage = numberOf(first.meta?.last_page);
	const total = numberOf(first.meta?.total);
	const perPage = numberOf(first.meta?.per_page) ?? first.records.length;
	let pages: number | undefined;
	if (lastPage !== undefined) pages = Math.floor(lastPage);
	else if (total !== undefined && perPage > 0) pages = Math.ceil(total / perPage);
	return pages === undefined ? undefined : Math.min(Math.max(pages, 1), MAX_PAGES);
}

/**
 * Reads a Krebit list (`limit` and 1-based `page`). When page 1's `meta` says how many pages
 * there are, the others are read by a pool of parallel requests and their records still come
 * out in page order, exactly once; without it, page after page until an empty page, a page
 * shorter than the ones before, or `links.next` being null. A page the server repeats stops
 * the read with an error instead of returning duplicates. Limit asks for no more pages than it
 * needs.
 */
export async function krebitList(context: KrebitContext, request: ListRequest): Promise<IDataObject[]> {
	const wanted = request.returnAll ? Infinity : Math.max(0, Math.floor(request.limit ?? 50));
	if (wanted === 0) return [];
	const pageSize = Math.min(PAGE_SIZE, wanted);
	const collector = new Collector(wanted, request.keep);
	const first = await fetchPage(context, request, 1, pageSize);
	const lastPage = lastPageOf(first);
	if (lastPage === undefined) return await readPageByPage(context, request, first, collector, pageSize);
	if (collector.add(first.records) || lastPage === 1 || first.records.length === 0) return collector.records;
	return await readInParallel(context, request, { first, lastPage, pageSize }, collector);
}

async function readPageByPage(
	context: KrebitContext,
	request: ListRequest,
	first: Page,
	collector: Collector,
	pageSize: number,
): Promise<IDataObject[]> {
	let largestPage = 0;
	let previous: Page | undefined;
	for (let page = 1; page <= MAX_PAGES; page++) {
		const current = page === 1 ? first : await fetchPage(context, request, page, pageSize);
		const { records, meta, links } = current;
		if (records.length === 0) break;
		const repeated = previous !== undefined && samePage(records, previous.records);
		// A list Krebit does not page at all answers every page with the whole list: when the
		// first page was already shorter than asked, it held everything.
		if (repeated && !meta && page === 2 && largestPage < pageSize) break;
		if (repeated) throw repeatedPageError(context, request, page);
		previous = current;

		if (collector.add(records)) break;
		if (links && 'next' in links && (links.next === null || links.next === '')) break;
		if (!meta && page > 1 && records.length < largestPage) break;
		largestPage = Math.max(largestPage, records.length);
	}
	return collector.records;
}

interface ParallelPlan {
	first: Page;
	lastPage: number;
	pageSize: number;
}

/**
 * Pages 2 to `lastPage` through the pool. Pages are started in order and stop being started
 * once the pages read (and, without a `keep` filter, the pages still in flight at the page
 * size Krebit granted) hold enough records; then they are taken in page order. Should pages
 * turn out shorter than granted, the next round reads on from where this one stopped.
 */
async function readInParallel(
	context: KrebitContext,
	request: ListRequest,
	{ first, lastPage, pageSize }: ParallelPlan,
	collector: Collector,
): Promise<IDataObject[]> {
	const granted = first.records.length;
	let previous = first;
	let nextPage = 2;
	while (nextPage <= lastPage) {
		const startPage = nextPage;
		let inFlight = 0;
		let keptArrived = 0;
		// An empty page means meta promised more pages than there are: ask for none after it.
		let sawEmptyPage = false;
		const pages = await runPool<Page>({
			count: lastPage - startPage + 1,
			concurrency: request.concurrency,
			wantsMore: () =>
				!sawEmptyPage && collector.records.length + keptArrived + (request.keep ? 0 : inFlight * granted) < collector.wanted,
			run: async (task, pool) => {
				inFlight++;
				try {
					return await fetchPage(context, request, startPage + task, pageSize, pool);
				} finally {
					inFlight--;
				}
			},
			onResult: (_task, page) => {
				keptArrived += request.keep ? page.records.filter(request.keep).length : page.records.length;
				if (page.records.length === 0) sawEmptyPage = true;
			},
		});
		for (const page of pages) {
			if (!page) break; // not started: enough seemed to be on the way
			if (page.records.length === 0) return collector.records;
			if (samePage(page.records, previous.records)) throw repeatedPageError(context, request, page.number);
			previous = page;
			nextPage = page.number + 1;
			if (collector.add(page.records)) return collector.records;
		}
	}
	return collector.records;
}
