import type { IDataObject } from 'n8n-workflow';
import nock from 'nock';

import { act, FakeClock, FakeFeed } from '../../harness/fake-feed';
import { clients } from '../../harness/fake-lists';
import { KREBIT } from '../../harness/krebit-harness';
import { runKrebit } from './helpers';

afterAll(() => nock.restore());

const ids = (records: IDataObject[]) => records.map((record) => record.id ?? record.uuid);

/** A client list whose pages of 100 come with `links.next` right and `meta` as `metaOf` says. */
function clientList(all: IDataObject[], metaOf: (page: number) => IDataObject | undefined, perPage = 100) {
	const pages: number[] = [];
	nock(KREBIT)
		.get('/api/1.0/clients')
		.query(true)
		.reply((uri) => {
			const page = Number(new URL(uri, KREBIT).searchParams.get('page'));
			pages.push(page);
			const data = all.slice((page - 1) * perPage, page * perPage);
			const hasNext = page * perPage < all.length;
			const meta = metaOf(page);
			return [200, { data, ...(meta ? { meta } : {}), links: { next: hasNext ? `${KREBIT}/api/1.0/clients?page=${page + 1}` : null } }];
		})
		.persist();
	return pages;
}

const returnAllClients = { resource: 'client', operation: 'getAll', simplify: false, returnAll: true };

describe('Get Many does not trust meta that contradicts itself or the records', () => {
	test.each([
		['meta.last_page 0', (page: number) => ({ current_page: page, last_page: 0, per_page: 100, total: 250 })],
		['meta.total -1', (page: number) => ({ current_page: page, per_page: 100, total: -1 })],
		['meta.total 0 beside 100 records', (page: number) => ({ current_page: page, per_page: 100, total: 0 })],
		['meta.last_page below the current page', (page: number) => ({ current_page: page, last_page: -3, per_page: 100, total: 250 })],
	])('case 1, %s with links.next set: Return All gives all 250 clients, not 100', async (_how, metaOf) => {
		const all = clients(250);
		const pages = clientList(all, metaOf);

		const run = await runKrebit(returnAllClients);

		expect(run.error('Krebit')).toBeUndefined();
		expect(ids(run.json('Krebit'))).toEqual(ids(all));
		expect(pages).toEqual([1, 2, 3]);
	});

	test('meta claiming more pages than its total allows: read by links.next, no empty pages asked', async () => {
		const all = clients(250);
		const pages = clientList(all, (page) => ({ current_page: page, last_page: 400, per_page: 100, total: 250 }));

		const run = await runKrebit(returnAllClients);

		expect(ids(run.json('Krebit'))).toEqual(ids(all));
		expect(pages.length).toBeLessThanOrEqual(3 + 4);
	});

	test('a server that never ends stops at the page cap with an error that says how much was read', async () => {
		let served = 0;
		nock(KREBIT)
			.get('/api/1.0/clients')
			.query(true)
			.reply(() => {
				const data = Array.from({ length: 100 }, () => ({ id: ++served, company_name: `AB ${served}` }));
				return [200, { data, links: { next: `${KREBIT}/api/1.0/clients?page=next` } }];
			})
			.persist();

		const run = await runKrebit(returnAllClients);

		expect(run.error('Krebit')?.message).toBe('Get many clients failed: Krebit did not end the list within 1,000 pages');
		expect(run.error('Krebit')?.description).toBe(
			'100,000 records were read from /clients and more pages kept coming. Nothing was returned, so no partial list passes as the whole one. Narrow the list with a filter, or tell Krebit support.',
		);
		expect(run.output('Krebit')).toEqual([]);
	}, 120_000);
});

describe('Get Many returns every record once, in the API order, when the list shifts during the read', () => {
	test.each([[true], [false]])('case 2, an act created after page 1 was served (meta %s): each act once', async (meta) => {
		const clock = new FakeClock();
		const krebit = new FakeFeed('/acts', { order: 'newestFirst', orderBy: 'created_at', meta });
		krebit.add(...Array.from({ length: 120 }, () => act(clock)));
		const listed = [...krebit.records].reverse();
		let created: IDataObject | undefined;
		krebit.afterAnswer = (page) => {
			if (page === 1 && !created) krebit.add((created = act(clock)));
		};

		const run = await runKrebit({ resource: 'act', operation: 'getAll', returnAll: true });

		expect(run.error('Krebit')).toBeUndefined();
		const got = ids(run.json('Krebit'));
		expect(new Set(got).size).toBe(got.length);
		// With meta, the total that grew between pages makes page 1 be read again: the new act
		// comes too, where Krebit lists it. Without meta nothing tells that the list moved.
		expect(got).toEqual(ids(meta ? [created!, ...listed] : listed));
	});

	test('an act deleted after page 1 was served: the act that moved onto page 1 is still returned', async () => {
		const clock = new FakeClock();
		const krebit = new FakeFeed('/acts', { order: 'newestFirst', orderBy: 'created_at' });
		krebit.add(...Array.from({ length: 120 }, () => act(clock)));
		const listed = [...krebit.records].reverse();
		const deleted = listed[10];
		krebit.afterAnswer = (page) => {
			if (page === 1 && krebit.records.includes(deleted)) krebit.remove(deleted.uuid as string);
		};

		const run = await runKrebit({ resource: 'act', operation: 'getAll', returnAll: true, options: { maxParallelRequests: 1 } });

		expect(ids(run.json('Krebit'))).toEqual(ids(listed));
	});
});

describe('"not a list" reads the same everywhere', () => {
	test('Get Many: one message naming the page and path', async () => {
		nock(KREBIT).get('/api/1.0/clients').query(true).reply(200, { message: 'maintenance' });

		const run = await runKrebit(returnAllClients);

		expect(run.error('Krebit')?.message).toBe('Get many clients failed: Krebit did not answer with a list');
		expect(run.error('Krebit')?.description).toBe('Page 1 of /clients had no "data" array.');
	});
});
