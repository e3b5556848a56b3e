import type { IDataObject } from 'n8n-workflow';

/**
 * The rules for reading a Krebit list, as pure functions: what a page's `meta` and `links`
 * may be trusted for, when a list has ended, and how records are told apart. Krebit lists are
 * Laravel paginators (`limit`, 1-based `page`, `meta`, `links`), or bare `data` arrays.
 */

/** What we ask for per page; Krebit may grant fewer (its sandbox caps pages at 50). */
export const PAGE_SIZE = 100;

/**
 * The most pages one read takes. A read that would need more stops with an error that says how
 * much it read: a server that never ends cannot loop, and a cut list never passes as whole.
 */
export const MAX_PAGES = 1_000;

export function numberOf(value: unknown): number | undefined {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof number === 'number' && Number.isFinite(number) ? number : undefined;
}

const wholeAtLeast = (value: number | undefined, least: number) =>
	value !== undefined && Number.isInteger(value) && value >= least ? value : undefined;

/** The key a record is told apart by: `id`, else `uuid`; undefined when it has neither. */
export function recordKey(record: IDataObject): string | undefined {
	const key = record.id ?? record.uuid;
	return typeof key === 'string' || typeof key === 'number' ? String(key) : undefined;
}

/** One page as read: its number, records, and what its `meta`/`links` say, unchecked. */
export interface Page {
	number: number;
	records: IDataObject[];
	/** `meta.current_page`. */
	reportedPage?: number;
	/** `meta.total`, `meta.per_page`, `meta.last_page`. */
	total?: number;
	perPage?: number;
	lastPage?: number;
	/** `links.next` names a next page; undefined without `links.next`. */
	hasNext?: boolean;
}

export function pageOf(number: number, records: IDataObject[], meta?: IDataObject, links?: IDataObject): Page {
	const next = links && 'next' in links ? links.next : undefined;
	return {
		number,
		records,
		reportedPage: numberOf(meta?.current_page),
		total: numberOf(meta?.total),
		perPage: numberOf(meta?.per_page),
		lastPage: numberOf(meta?.last_page),
		hasNext: next === undefined ? undefined : next !== null && next !== '',
	};
}

/**
 * How many pages the list has, from page 1, when its `meta` can be trusted; else undefined
 * (read on by `links.next`, or until a short or empty page). Not trusted: negative or zero
 * counts beside records, a total below the records shown, `last_page` below page 1 or one
 * page while `links.next` names another, a first page shorter than `per_page` with more pages
 * claimed. More pages claimed than `total` allows: `total` wins.
 */
export function trustedPageCount(first: Page): number | undefined {
	const shown = first.records.length;
	if (first.total !== undefined) {
		const total = wholeAtLeast(first.total, 0);
		if (total === undefined || total < shown || (total === 0 && shown > 0)) return undefined;
	}
	const total = wholeAtLeast(first.total, 0);
	const perPage = wholeAtLeast(first.perPage, 1) ?? (shown > 0 ? shown : undefined);
	if (perPage !== undefined && perPage < shown) return undefined;
	const lastPage = first.lastPage === undefined ? undefined : wholeAtLeast(first.lastPage, 1);
	if (first.lastPage !== undefined && lastPage === undefined) return undefined;
	const byTotal = total !== undefined && perPage !== undefined ? Math.max(1, Math.ceil(total / perPage)) : undefined;

	let pages: number | undefined;
	if (lastPage !== undefined && byTotal !== undefined) pages = lastPage > byTotal ? byTotal : lastPage === byTotal ? lastPage : undefined;
	else pages = lastPage ?? byTotal;
	if (pages === undefined) return undefined;
	if (pages > 1 && perPage !== undefined && shown < perPage) return undefined;
	if (pages === 1 && first.hasNext === true) return undefined;
	return pages;
}

/** Whether the list ends with `page`, read in order, with `largestBefore` the largest page before it. */
export function endsWith(page: Page, pageCount: number | undefined, largestBefore: number): boolean {
	if (page.records.length === 0) return true;
	if (pageCount !== undefined) return page.number >= pageCount;
	if (page.hasNext !== undefined) return !page.hasNext;
	// Neither: a page shorter than the ones before ends the list. The page size granted is never
	// assumed to be the one asked for, so page 1 alone does not end it.
	return largestBefore > 0 && page.records.length < largestBefore;
}

/**
 * Whether `page` repeats `previous` (the page before it): Krebit answering with the same page
 * again, or `meta.current_page` naming another page.
 */
export function repeats(page: Page, previousFirstKey: string | undefined): boolean {
	if (page.reportedPage !== undefined && page.reportedPage !== page.number) return true;
	const first = page.records.length > 0 ? recordKey(page.records[0]) : undefined;
	return first !== undefined && first === previousFirstKey;
}

/**
 * Pages whose neighbour was read later with another `total`: records were added or deleted in
 * between, so records may have moved across their boundary unseen. Each is read again once.
 * `reads` are the pages in the order they arrived.
 */
export function pagesToReadAgain(reads: Page[]): number[] {
	const byNumber = new Map(reads.map((page, order) => [page.number, { page, order }]));
	const again = new Set<number>();
	for (const { page, order } of byNumber.values()) {
		for (const neighbour of [byNumber.get(page.number - 1), byNumber.get(page.number + 1)]) {
			if (!neighbour || neighbour.order <= order) continue;
			if (page.total !== undefined && neighbour.page.total !== undefined && page.total !== neighbour.page.total) again.add(page.number);
		}
	}
	return [...again].sort((a, b) => a - b);
}
