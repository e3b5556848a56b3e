import type { IDataObject } from 'n8n-workflow';

import { runPool } from '../transport/pool';
import type { KrebitContext } from '../transport/request';
import { ListReader, type ListSource } from './listReader';
import { MAX_PAGES, PAGE_SIZE, type Page } from './pageRules';

export interface ListRequest extends Omit<ListSource, 'pageSize'> {
	returnAll: boolean;
	/** With returnAll false: how many records at most. */
	limit?: number;
	/** Records that do not pass are dropped before counting towards the limit. */
	keep?: (record: IDataObject) => boolean;
	/** Pages read at once when Krebit's meta says how many pages there are (1 to 10, default 4). */
	concurrency?: number;
}

/**
 * Reads a Krebit list forwards: every record once, in the API's order (see ListReader). When
 * page 1's meta can be trusted to say how many pages there are, the others are read by the
 * parallel pool; else page after page. Limit asks for no more pages than it needs.
 */
export async function krebitList(context: KrebitContext, request: ListRequest): Promise<IDataObject[]> {
	const wanted = request.returnAll ? Infinity : Math.max(0, Math.floor(request.limit ?? 50));
	if (wanted === 0) return [];
	const reader = new ListReader(context, { ...request, pageSize: Math.min(PAGE_SIZE, wanted) });
	const kept = (records: IDataObject[]) => (request.keep ? records.filter(request.keep) : records);
	let keptCount = kept(reader.take(await reader.read(1))).length;

	let number = 2;
	if (reader.pageCount !== undefined) {
		number = await readInParallel(reader, request, wanted, () => keptCount, (count) => (keptCount += count));
	}
	for (; !reader.ended && keptCount < wanted; number++) {
		keptCount += kept(reader.take(await reader.read(number))).length;
	}
	await reader.readAgainWhereShifted();
	return kept(reader.inListOrder()).slice(0, wanted);
}

/** Reads one read of everything: what other operations use for "all records of this path". */
export async function readAllRecords(context: KrebitContext, source: Omit<ListSource, 'pageSize'>): Promise<IDataObject[]> {
	return await krebitList(context, { ...source, returnAll: true });
}

/**
 * Pages 2 to the page count through the pool. Pages are started in order and stop being
 * started once the pages read (and, without a `keep` filter, the pages still in flight at the
 * page size Krebit granted) hold enough records; then they are taken in page order. Should
 * pages turn out shorter than granted, the next round reads on from where this one stopped.
 * Returns the page to read on from, should the list go on (past the page cap, or pages short).
 */
async function readInParallel(
	reader: ListReader,
	request: ListRequest,
	wanted: number,
	keptCount: () => number,
	addKept: (count: number) => void,
): Promise<number> {
	const granted = reader.reads[0].records.length;
	const lastPage = Math.min(reader.pageCount ?? 1, MAX_PAGES);
	let nextPage = 2;
	while (!reader.ended && nextPage <= lastPage && keptCount() < wanted) {
		const startPage = nextPage;
		let inFlight = 0;
		let keptArrived = 0;
		// An empty page means meta promised more pages than there are: ask for none after it.
		let sawEmptyPage = false;
		const pages = await runPool<Page>({
			count: lastPage - startPage + 1,
			concurrency: request.concurrency,
			wantsMore: () => !sawEmptyPage && keptCount() + keptArrived + (request.keep ? 0 : inFlight * granted) < wanted,
			run: async (task, pool) => {
				inFlight++;
				try {
					return await reader.read(startPage + task, pool);
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
			const fresh = reader.take(page);
			addKept(request.keep ? fresh.filter(request.keep).length : fresh.length);
			nextPage = page.number + 1;
			if (reader.ended || keptCount() >= wanted) return nextPage;
		}
	}
	return nextPage;
}
