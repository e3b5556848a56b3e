import { NodeOperationError, sleep, type IDataObject } from 'n8n-workflow';

import type { PoolControl } from '../transport/pool';
import { krebitRequest, unwrapList, type KrebitContext } from '../transport/request';
import { endsWith, MAX_PAGES, PAGE_SIZE, pageOf, pagesToReadAgain, recordKey, repeats, trustedPageCount, type Page } from './pageRules';

/** Which list, and how it is named in errors. */
export interface ListSource {
	/** Relative to /api/1.0. */
	path: string;
	qs?: IDataObject;
	itemIndex: number;
	/** What is being done, for errors: "Get many clients". */
	action: string;
	/** Asked per page (default PAGE_SIZE). */
	pageSize?: number;
}

/** Where a read stands between two loads (a picker's token). */
export interface ReaderState {
	largestPage: number;
	previousFirstKey?: string;
	/** The page count page 1 gave, when trusted. */
	pageCount?: number;
}

/**
 * One read of one list: every page goes through `read` (the request, "not a list", the page
 * cap) and then, in list order, through `take` (repeated pages, the end of the list, records
 * once by id). Pages may be read in any order and several at once; `take` must see them in
 * page order. What each page added is kept, so `inListOrder` gives every record once, in the
 * API's order, whatever order the pages came in.
 */
export class ListReader {
	/** How many pages the list has, when page 1's meta is trusted (see `trustedPageCount`). */
	pageCount: number | undefined;

	ended = false;

	/** Pages in the order their answers arrived. */
	readonly reads: Page[] = [];

	private readonly seen = new Set<string>();

	private readonly taken = new Map<number, IDataObject[]>();

	private recordCount = 0;

	private largestPage: number;

	private previousFirstKey: string | undefined;

	constructor(
		private readonly context: KrebitContext,
		readonly source: ListSource,
		state: ReaderState = { largestPage: 0 },
	) {
		this.largestPage = state.largestPage;
		this.previousFirstKey = state.previousFirstKey;
		this.pageCount = state.pageCount;
	}

	get pageSize(): number {
		return this.source.pageSize ?? PAGE_SIZE;
	}

	get state(): ReaderState {
		return { largestPage: this.largestPage, previousFirstKey: this.previousFirstKey, pageCount: this.pageCount };
	}

	/** Fetches one page; past the page cap, fails with how much was read. */
	async read(number: number, pool?: PoolControl): Promise<Page> {
		if (this.reads.length >= MAX_PAGES) throw this.capError();
		const { context, source } = this;
		const body = await krebitRequest(context, {
			method: 'GET',
			path: source.path,
			qs: { ...source.qs, limit: this.pageSize, page: number },
			itemIndex: source.itemIndex,
			action: source.action,
			// A 429 pauses and shrinks the whole pool; other retries wait for this page alone.
			waitBeforeRetry: pool ? (ms, status) => (status === 429 ? pool.rateLimited(ms) : sleep(ms)) : undefined,
		});
		const list = unwrapList(body);
		if (!list) {
			throw new NodeOperationError(context.getNode(), `${source.action} failed: Krebit did not answer with a list`, {
				description: `Page ${number} of ${source.path} had no "data" array.`,
				itemIndex: source.itemIndex,
			});
		}
		const page = pageOf(number, list.records, list.meta, list.links);
		if (number === 1) this.pageCount = trustedPageCount(page);
		this.reads.push(page);
		return page;
	}

	/**
	 * Takes the next page in list order: its records not taken before (records without id or
	 * uuid always count), and whether the list ends with it. A repeated page ends a list Krebit
	 * does not page (page 1 was shorter than asked and had no trusted count); any other repeat
	 * is an error, so no record is returned twice.
	 */
	take(page: Page): IDataObject[] {
		if (repeats(page, page.number > 1 ? this.previousFirstKey : undefined)) {
			if (page.number === 2 && this.pageCount === undefined && this.largestPage < this.pageSize) {
				this.ended = true;
				return [];
			}
			throw this.repeatError(page);
		}
		const fresh = this.add(page);
		if (endsWith(page, this.pageCount, this.largestPage)) this.ended = true;
		this.largestPage = Math.max(this.largestPage, page.records.length);
		this.previousFirstKey = page.records.length > 0 ? recordKey(page.records[0]) : undefined;
		return fresh;
	}

	/**
	 * Reads again, once, each page whose neighbour was read later at another `meta.total`
	 * (records added or deleted meanwhile may have moved across its boundary unseen). What the
	 * second read adds goes where that read shows it, among the page's records.
	 */
	async readAgainWhereShifted(): Promise<IDataObject[]> {
		const added: IDataObject[] = [];
		for (const number of pagesToReadAgain(this.reads)) {
			const before = this.taken.get(number);
			if (before) this.taken.set(number, this.merge(before, (await this.read(number)).records, added));
		}
		return added;
	}

	/**
	 * Takes a page read out of list order (a walk back from the last page): its records not
	 * taken before. Repeats and the end are the caller's to judge.
	 */
	takeOutOfOrder(page: Page): IDataObject[] {
		return this.add(page);
	}

	/** Every record taken, each once, in page order. */
	inListOrder(): IDataObject[] {
		return [...this.taken.entries()].sort(([a], [b]) => a - b).flatMap(([, records]) => records);
	}

	private add(page: Page): IDataObject[] {
		const fresh = page.records.filter((record) => {
			const key = recordKey(record);
			if (key === undefined) return true;
			if (this.seen.has(key)) return false;
			this.seen.add(key);
			return true;
		});
		this.taken.set(page.number, [...(this.taken.get(page.number) ?? []), ...fresh]);
		this.recordCount += fresh.length;
		return fresh;
	}

	/** `before` with the records of `again` not taken anywhere yet (also pushed to `added`), in `again`'s order. */
	private merge(before: IDataObject[], again: IDataObject[], added: IDataObject[]): IDataObject[] {
		const againKeys = new Set(again.map(recordKey));
		const merged: IDataObject[] = [];
		const addNew = (record: IDataObject) => {
			const key = recordKey(record);
			// Unkeyed records cannot be told from those already taken: the first read keeps them.
			if (key === undefined || this.seen.has(key)) return;
			this.seen.add(key);
			this.recordCount++;
			merged.push(record);
			added.push(record);
		};
		let next = 0;
		for (const record of before) {
			const key = recordKey(record);
			if (key !== undefined && againKeys.has(key)) {
				while (next < again.length && recordKey(again[next]) !== key) addNew(again[next++]);
				next++;
			}
			merged.push(record);
		}
		for (; next < again.length; next++) addNew(again[next]);
		return merged;
	}

	private capError() {
		const { source } = this;
		return new NodeOperationError(
			this.context.getNode(),
			`${source.action} failed: Krebit did not end the list within ${MAX_PAGES.toLocaleString('en-US')} pages`,
			{
				description: `${this.recordCount.toLocaleString('en-US')} records were read from ${source.path} and more pages kept coming. Nothing was returned, so no partial list passes as the whole one. Narrow the list with a filter, or tell Krebit support.`,
				itemIndex: source.itemIndex,
			},
		);
	}

	private repeatError(page: Page) {
		const { source } = this;
		const answered = page.reportedPage !== undefined && page.reportedPage !== page.number ? page.reportedPage : page.number - 1;
		return new NodeOperationError(this.context.getNode(), `${source.action} failed: Krebit returned the same page twice`, {
			description: `Asked for page ${page.number} of ${source.path}, Krebit answered with page ${answered} again. Stopped so no record is returned twice.`,
			itemIndex: source.itemIndex,
		});
	}
}
