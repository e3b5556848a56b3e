import nock from 'nock';

import { Krebit } from '../../../nodes/Krebit/Krebit.node';
import { clients, FakeList } from '../../harness/fake-lists';
import { KREBIT } from '../../harness/krebit-harness';
import { runKrebit } from './helpers';

const getMany = (extra: Record<string, unknown> = {}) => ({
	resource: 'client',
	operation: 'getAll',
	...extra,
});

describe('Client > Get Many', () => {
	test('Return All reads 2,500 clients over 25 pages of 100, with meta', async () => {
		const all = clients(2500);
		const server = new FakeList('/clients', all, { meta: true });

		const run = await runKrebit(getMany({ returnAll: true }));

		expect(run.error('Krebit')).toBeUndefined();
		expect(run.json('Krebit')).toEqual(all);
		expect(server.requests).toHaveLength(25);
		expect(server.requests.map((r) => r.page)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
		expect(server.requests.every((r) => r.limit === 100)).toBe(true);
	});

	test('Return All without meta stops at the first empty page', async () => {
		const all = clients(2500);
		const server = new FakeList('/clients', all);

		const run = await runKrebit(getMany({ returnAll: true }));

		expect(run.json('Krebit')).toEqual(all);
		// 25 full pages, then page 26 comes back empty.
		expect(server.requests).toHaveLength(26);
	});

	test('Return All without meta stops at a short last page', async () => {
		const all = clients(2530);
		const server = new FakeList('/clients', all);
		const run = await runKrebit(getMany({ returnAll: true }));
		expect(run.json('Krebit')).toHaveLength(2530);
		expect(server.requests).toHaveLength(26);
	});

	test('a server that caps pages at 25 still gives all 2,500 exactly once, without meta', async () => {
		const all = clients(2500);
		const server = new FakeList('/clients', all, { cap: 25 });

		const run = await runKrebit(getMany({ returnAll: true }));

		const ids = run.json('Krebit').map((c) => c.id);
		expect(ids).toEqual(all.map((c) => c.id));
		expect(new Set(ids).size).toBe(2500);
		expect(server.requests).toHaveLength(101);
	});

	test('a server that caps pages at 25, with meta, needs exactly 100 requests', async () => {
		const all = clients(2500);
		const server = new FakeList('/clients', all, { cap: 25, meta: true });
		const run = await runKrebit(getMany({ returnAll: true }));
		expect(run.json('Krebit')).toHaveLength(2500);
		expect(server.requests).toHaveLength(100);
	});

	test('Limit 7 makes one request for 7 records', async () => {
		const server = new FakeList('/clients', clients(2500), { meta: true });
		const run = await runKrebit(getMany({ returnAll: false, limit: 7 }));
		expect(run.json('Krebit').map((c) => c.id)).toEqual([1, 2, 3, 4, 5, 6, 7]);
		expect(server.requests).toEqual([{ page: 1, limit: 7, query: { limit: '7', page: '1' } }]);
	});

	test.each([['abc'], [0], [-3], [2.5]])('Limit %j from an expression is refused, nothing read', async (limit) => {
		const server = new FakeList('/clients', clients(300));
		const run = await runKrebit(getMany({ limit: '={{ $json.limit }}' }), [{ json: { limit } }]);
		expect(run.error('Krebit')?.message).toBe(`Limit ${JSON.stringify(limit)} is not a whole number of 1 or more`);
		expect(server.requests).toHaveLength(0);
	});

	test('Limit 150 takes two pages and no more', async () => {
		const server = new FakeList('/clients', clients(2500));
		const run = await runKrebit(getMany({ returnAll: false, limit: 150 }));
		expect(run.json('Krebit')).toHaveLength(150);
		expect(server.requests).toHaveLength(2);
	});

	test('a 429 with Retry-After in the middle of Return All: waited, retried, every record once', async () => {
		const all = clients(1000);
		const server = new FakeList('/clients', all, { meta: true, rateLimitOn: { 4: '1' } });

		const started = Date.now();
		const run = await runKrebit(getMany({ returnAll: true }));

		expect(run.error('Krebit')).toBeUndefined();
		expect(run.json('Krebit').map((c) => c.id)).toEqual(all.map((c) => c.id));
		// 10 pages plus the one refused: page 4 was asked twice (pages are read in parallel).
		const pages = server.requests.map((r) => r.page);
		expect(pages).toHaveLength(11);
		expect(pages.filter((page) => page === 4)).toEqual([4, 4]);
		expect([...new Set(pages)].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
	});

	test('a server that repeats the same page is stopped with a clear error', async () => {
		const page = { data: clients(100) };
		nock(KREBIT).get('/api/1.0/clients').query(true).reply(200, page).persist();
		const run = await runKrebit(getMany({ returnAll: true }));
		expect(run.error('Krebit')?.message).toMatch(/same page twice/);
	});

	test('a list Krebit does not page (page ignored, fewer records than asked) is read once, not an error', async () => {
		const everything = { data: clients(40) };
		const scope = nock(KREBIT).get('/api/1.0/clients').query(true).times(2).reply(200, everything);
		const run = await runKrebit(getMany({ returnAll: true }));
		scope.done();
		expect(run.error('Krebit')).toBeUndefined();
		expect(run.json('Krebit')).toEqual(clients(40));
	});

	test('meta saying a different page than asked is caught too', async () => {
		const body = { data: clients(100), meta: { current_page: 1, last_page: 5, total: 500 } };
		nock(KREBIT).get('/api/1.0/clients').query(true).reply(200, body).persist();
		const run = await runKrebit(getMany({ returnAll: true }));
		expect(run.error('Krebit')?.message).toMatch(/same page twice/);
	});

	test('returns the essential fields Krebit lists, with no Simplify option to hide them', async () => {
		const listed = clients(3).map(({ id, company_name, org_number, country, updated_at }) => ({
			id,
			company_name,
			org_number,
			country,
			updated_at,
		}));
		new FakeList('/clients', listed, { meta: true });
		const run = await runKrebit({ resource: 'client', operation: 'getAll', returnAll: true });
		expect(run.json('Krebit')[0]).toEqual({
			id: 1,
			company_name: 'Bergström Bygg AB 1',
			org_number: '5506000000',
			country: 'SE',
			updated_at: '2026-11-01T12:00:00Z',
		});
		const getMany = new Krebit().description.properties.filter(
			(p) => p.displayOptions?.show?.resource?.[0] === 'client' && p.displayOptions?.show?.operation?.[0] === 'getAll',
		);
		expect(getMany.map((p) => p.name)).toEqual(['returnAll', 'limit', 'options']);
	});

	test('a bare array answer works as well', async () => {
		nock(KREBIT).get('/api/1.0/clients').query({ limit: '5', page: '1' }).reply(200, clients(5));
		const run = await runKrebit(getMany({ limit: 5 }));
		expect(run.json('Krebit')).toHaveLength(5);
	});
});

describe('Client > Get', () => {
	const profile = { id: 42, company_name: 'Bergström Bygg AB', org_number: '5560000042', country: 'SE' };

	test.each([
		['{ data: {...} }', { data: profile }],
		['the bare object', profile],
	])('answer shaped as %s gives the client', async (_shape, body) => {
		nock(KREBIT).get('/api/1.0/clients/42').matchHeader('accept', 'application/json').reply(200, body);
		const run = await runKrebit({ resource: 'client', operation: 'get', clientId: { mode: 'id', value: '42' } });
		expect(run.json('Krebit')).toEqual([profile]);
	});

	test('from the list picker (mode list) as well', async () => {
		nock(KREBIT).get('/api/1.0/clients/42').reply(200, { data: profile });
		const run = await runKrebit({ resource: 'client', operation: 'get', clientId: { mode: 'list', value: '42' } });
		expect(run.json('Krebit')).toEqual([profile]);
	});

	test('404 says there is no such client', async () => {
		nock(KREBIT).get('/api/1.0/clients/999').reply(404, { message: 'Not found.' }, { request_id: 'req-404-abc' });
		const run = await runKrebit({ resource: 'client', operation: 'get', clientId: { mode: 'id', value: '999' } });
		const error = run.error('Krebit')!;
		expect(error.message).toBe('Not found. (Krebit answered 404 to Get client 999)');
		expect(error.description).toMatch(/^No client with ID 999 in this Krebit organization\. Check the ID/);
		expect(error.description).toContain('Krebit request ID: req-404-abc');
		expect(error.description).not.toContain('[item');
		expect(error.httpCode).toBe('404');
	});

	test('a typed ID that is not a Krebit ID is flagged by n8n before the node runs', async () => {
		await expect(
			runKrebit({ resource: 'client', operation: 'get', clientId: { mode: 'id', value: '42/../webhooks' } }),
		).rejects.toThrow(/Not a valid Krebit client ID/);
	});

	test('an ID from the input that would change the path is refused before any request', async () => {
		const run = await runKrebit(
			{ resource: 'client', operation: 'get', clientId: { mode: 'id', value: '={{ $json.id }}' } },
			[{ json: { id: '42/../../webhooks' } }],
		);
		expect(run.error('Krebit')?.message).toBe('Client ID "42/../../webhooks" is not a valid Krebit ID');
	});

	test('an empty ID from the input is refused with a clear message', async () => {
		const run = await runKrebit(
			{ resource: 'client', operation: 'get', clientId: { mode: 'id', value: '={{ $json.id }}' } },
			[{ json: { id: '  ' } }],
		);
		expect(run.error('Krebit')?.message).toBe('Client ID is empty');
	});
});
