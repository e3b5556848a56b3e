import { sleep, type IDataObject } from 'n8n-workflow';
import nock from 'nock';

import { clients } from '../../harness/fake-lists';
import { KREBIT } from '../../harness/krebit-harness';
import { runKrebit } from './helpers';

type Reply = [number, IDataObject, Record<string, string>?];

interface Arrival {
	page: number;
	limit: number;
	/** Requests open at the server when this one arrived, itself included. */
	inFlight: number;
	status?: number;
}

interface PagedServerOptions {
	/** The most records per page, whatever `limit` asks (the sandbox caps at 50). */
	cap?: number;
	/** Laravel paginator `meta`; without it the client cannot know how many pages there are. */
	meta?: boolean;
	/** Answers to give, once each and in turn, to the first requests for a page. */
	failOnce?: Record<number, Reply[]>;
	/** A page that always fails with this answer. */
	failAlways?: Record<number, Reply>;
	/** `meta.last_page` to claim instead of the true one. */
	claimedLastPage?: number;
	/** Leave `last_page` out of `meta` (only `total` and `per_page` tell the size). */
	totalOnly?: boolean;
}

/**
 * A Krebit list endpoint that answers each request after a short delay, so requests overlap
 * the way they do over a network, and notes how many were open at once.
 */
class PagedServer {
	readonly arrivals: Arrival[] = [];

	private inFlight = 0;

	constructor(
		path: string,
		private readonly records: IDataObject[],
		private readonly options: PagedServerOptions = {},
	) {
		nock(KREBIT)
			.get(`/api/1.0${path}`)
			.query(true)
			.reply(async (uri) => await this.answer(uri))
			.persist();
	}

	get peakInFlight(): number {
		return Math.max(0, ...this.arrivals.map((a) => a.inFlight));
	}

	pagesAsked(): number[] {
		return this.arrivals.map((a) => a.page);
	}

	private async answer(uri: string): Promise<Reply> {
		const query = new URL(uri, KREBIT).searchParams;
		const page = Number(query.get('page'));
		const limit = Number(query.get('limit'));
		const arrival: Arrival = { page, limit, inFlight: ++this.inFlight };
		this.arrivals.push(arrival);
		await sleep(15);
		this.inFlight--;
		const failure = this.options.failOnce?.[page]?.shift() ?? this.options.failAlways?.[page];
		if (failure) {
			arrival.status = failure[0];
			return failure;
		}
		const perPage = Math.min(limit, this.options.cap ?? 50);
		const data = this.records.slice((page - 1) * perPage, page * perPage);
		if (this.options.meta === false) return [200, { data }];
		const lastPage = this.options.claimedLastPage ?? Math.max(1, Math.ceil(this.records.length / perPage));
		const meta: IDataObject = { current_page: page, last_page: lastPage, per_page: perPage, total: this.records.length };
		if (this.options.totalOnly) delete meta.last_page;
		return [200, { data, meta }];
	}
}

const getManyClients = (extra: IDataObject = {}) => ({
	resource: 'client',
	operation: 'getAll',
	simplify: false,
	returnAll: true,
	...extra,
});

const ids = (records: IDataObject[]) => records.map((record) => record.id);

describe('Get Many reads the pages Krebit announces in parallel', () => {
	test('10,000 clients at 50 per page: 200 requests, 4 at once, every client once and in order', async () => {
		const all = clients(10_000);
		const server = new PagedServer('/clients', all, { cap: 50 });

		const run = await runKrebit(getManyClients());

		expect(run.error('Krebit')).toBeUndefined();
		const got = run.json('Krebit');
		expect(got).toHaveLength(10_000);
		expect(ids(got)).toEqual(ids(all));
		expect(new Set(ids(got)).size).toBe(10_000);
		expect(server.arrivals).toHaveLength(200);
		expect([...server.pagesAsked()].sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
		expect(server.arrivals.every((a) => a.limit === 100)).toBe(true);
		expect(server.peakInFlight).toBe(4);
		expect(run.output('Krebit').every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	test('meta with total and per_page but no last_page is enough to read in parallel', async () => {
		const all = clients(1000);
		const server = new PagedServer('/clients', all, { cap: 50, totalOnly: true });

		const run = await runKrebit(getManyClients());

		expect(ids(run.json('Krebit'))).toEqual(ids(all));
		expect(server.arrivals).toHaveLength(20);
		expect(server.peakInFlight).toBe(4);
	});

	test.each([[1], [10]])('Options > Max Parallel Requests %i is the most requests open at once', async (parallel) => {
		const all = clients(1500);
		const server = new PagedServer('/clients', all, { cap: 50 });

		const run = await runKrebit(getManyClients({ options: { maxParallelRequests: parallel } }));

		expect(ids(run.json('Krebit'))).toEqual(ids(all));
		expect(server.arrivals).toHaveLength(30);
		expect(server.peakInFlight).toBe(parallel);
	});

	test.each([[0], [11], [2.5], ['many']])('Max Parallel Requests %j from an expression is refused before any request', async (value) => {
		const server = new PagedServer('/clients', clients(100));
		const run = await runKrebit(getManyClients({ options: { maxParallelRequests: '={{ $json.parallel }}' } }), [
			{ json: { parallel: value } },
		]);
		expect(run.error('Krebit')?.message).toBe(`Max Parallel Requests ${JSON.stringify(value)} is not a whole number from 1 to 10`);
		expect(server.arrivals).toHaveLength(0);
	});

	test('a 429 with Retry-After 1 on page 7 pauses the pool, halves it, and page 7 is read again', async () => {
		const all = clients(2000);
		const tooMany: Reply = [429, { message: 'Too Many Attempts.' }, { 'Retry-After': '1' }];
		const server = new PagedServer('/clients', all, { cap: 50, failOnce: { 7: [tooMany] } });

		const run = await runKrebit(getManyClients());

		expect(run.error('Krebit')).toBeUndefined();
		expect(ids(run.json('Krebit'))).toEqual(ids(all));
		const pages = server.pagesAsked();
		expect(pages).toHaveLength(41);
		expect(pages.filter((page) => page === 7)).toEqual([7, 7]);
		const refused = server.arrivals.findIndex((a) => a.status === 429);
		const retried = pages.lastIndexOf(7);
		expect(Math.max(...server.arrivals.slice(0, refused).map((a) => a.inFlight))).toBe(4);
		// Paused: at most the requests already on their way before the 429 was read arrive
		// until page 7 is asked again (without a pause, the other 30 pages would).
		expect(retried - refused - 1).toBeLessThanOrEqual(3);
		// Halved: from the retry on, never more than 2 at once.
		expect(Math.max(...server.arrivals.slice(retried).map((a) => a.inFlight))).toBe(2);
	});

	test('a 503 on one page is retried, not skipped', async () => {
		const all = clients(1000);
		const unavailable: Reply = [503, { message: 'Service Unavailable' }, { 'Retry-After': '0' }];
		const server = new PagedServer('/clients', all, { cap: 50, failOnce: { 9: [unavailable] } });

		const run = await runKrebit(getManyClients());

		expect(ids(run.json('Krebit'))).toEqual(ids(all));
		expect(server.pagesAsked().filter((page) => page === 9)).toEqual([9, 9]);
		expect(server.arrivals).toHaveLength(21);
	});

	test.each([
		[[500, { message: 'Server Error' }] as Reply, 'Server Error (Krebit answered 500 to Get many clients)'],
		[
			[503, { message: 'Service Unavailable' }, { 'Retry-After': '0' }] as Reply,
			'Service Unavailable (Krebit answered 503 to Get many clients after 4 attempts)',
		],
	])('a page that keeps failing (%j) stops the node with an error, no partial list', async (failure, message) => {
		const server = new PagedServer('/clients', clients(1000), { cap: 50, failAlways: { 9: failure } });

		const run = await runKrebit(getManyClients());

		expect(run.error('Krebit')?.message).toBe(message);
		expect(run.output('Krebit')).toEqual([]);
		expect(server.arrivals.filter((a) => a.page === 9).length).toBe(failure[0] === 503 ? 4 : 1);
	});

	test('Limit 120 at 50 per page asks for 3 pages and gives clients 1 to 120', async () => {
		const server = new PagedServer('/clients', clients(10_000), { cap: 50 });

		const run = await runKrebit(getManyClients({ returnAll: false, limit: 120 }));

		expect(ids(run.json('Krebit'))).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
		expect([...server.pagesAsked()].sort((a, b) => a - b)).toEqual([1, 2, 3]);
	});

	test('without meta the pages are read one after another, as before', async () => {
		const all = clients(1000);
		const server = new PagedServer('/clients', all, { cap: 50, meta: false });

		const run = await runKrebit(getManyClients({ options: { maxParallelRequests: 10 } }));

		expect(ids(run.json('Krebit'))).toEqual(ids(all));
		// 20 full pages, then an empty one.
		expect(server.pagesAsked()).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
		expect(server.peakInFlight).toBe(1);
	});

	test('meta promising 40 pages when there are 5: every record once, and the reading stops soon after', async () => {
		const all = clients(250);
		const server = new PagedServer('/clients', all, { cap: 50, claimedLastPage: 40 });

		const run = await runKrebit(getManyClients());

		expect(ids(run.json('Krebit'))).toEqual(ids(all));
		// Pages 6 and on are empty: no page is asked after the first empty one has come back.
		expect(server.arrivals.length).toBeLessThanOrEqual(6 + 4);
	});

	test('a server that answers every page with the same records is stopped with an error', async () => {
		const samePage = { data: clients(50), meta: { last_page: 20, per_page: 50, total: 1000 } };
		nock(KREBIT).get('/api/1.0/clients').query(true).reply(200, samePage).persist();

		const run = await runKrebit(getManyClients());

		expect(run.error('Krebit')?.message).toBe('Get many clients failed: Krebit returned the same page twice');
		expect(run.error('Krebit')?.description).toBe(
			'Asked for page 2 of /clients, Krebit answered with page 1 again. Stopped so no record is returned twice.',
		);
		expect(run.output('Krebit')).toEqual([]);
	});
});

describe('Act > Get Many with a client filter, read in parallel', () => {
	// Every 7th act is client 42's; the server does not filter, as Krebit's guide allows.
	const acts = Array.from({ length: 3000 }, (_, i) => ({ uuid: `act-${i + 1}`, client_id: i % 7 === 0 ? 42 : 7 }));
	const ofClient42 = acts.filter((act) => act.client_id === 42);

	test('Limit 40: exactly the first 40 acts of client 42, in order, without reading every page', async () => {
		const server = new PagedServer('/acts', acts, { cap: 50 });

		const run = await runKrebit({ resource: 'act', operation: 'getAll', limit: 40, filters: { clientId: '42' } });

		expect(run.json('Krebit')).toEqual(ofClient42.slice(0, 40));
		// 40 matching acts sit in the first 280 acts: 7 pages of 40; the pool may have 3 more on the way.
		const asked = server.pagesAsked();
		expect(Math.max(...asked)).toBeGreaterThanOrEqual(7);
		expect(asked.length).toBeLessThanOrEqual(10);
		expect(server.arrivals.every((a) => a.limit === 40)).toBe(true);
	});

	test('Return All: every act of client 42, in order, once', async () => {
		const server = new PagedServer('/acts', acts, { cap: 50 });

		const run = await runKrebit({ resource: 'act', operation: 'getAll', returnAll: true, filters: { clientId: '42' } });

		expect(run.json('Krebit')).toEqual(ofClient42);
		expect(server.arrivals).toHaveLength(60);
		expect(server.peakInFlight).toBe(4);
	});

	test('Limit above what matches: every matching act, all pages read', async () => {
		const few = acts.slice(0, 400);
		const server = new PagedServer('/acts', few, { cap: 50 });

		const run = await runKrebit({ resource: 'act', operation: 'getAll', limit: 100, filters: { clientId: '42' } });

		expect(run.json('Krebit')).toEqual(few.filter((act) => act.client_id === 42));
		expect(server.arrivals).toHaveLength(8);
	});
});
