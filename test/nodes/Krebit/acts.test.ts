import type { IDataObject } from 'n8n-workflow';
import nock from 'nock';

import { FakeList } from '../../harness/fake-lists';
import { KREBIT } from '../../harness/krebit-harness';
import { runKrebit } from './helpers';

const UUID = '9b2f4c1e-5d7a-4e8b-9c3d-1a2b3c4d5e6f';

function act(n: number, clientId: number): IDataObject {
	return {
		uuid: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
		client_id: clientId,
		template_id: 3,
		template_name: 'Kreditbedömning standard',
		amount: 250000 + n,
		currency: 'SEK',
		language: 'sv',
		created_at: '2026-11-20T10:00:00Z',
		updated_at: '2026-11-20T10:05:00Z',
	};
}

describe('Act > Get', () => {
	test('gets an act by UUID, wrapped or bare', async () => {
		const body = act(1, 42);
		nock(KREBIT).get(`/api/1.0/acts/${UUID}`).reply(200, { data: body });
		nock(KREBIT).get(`/api/1.0/acts/${UUID}`).reply(200, body);
		const wrapped = await runKrebit({ resource: 'act', operation: 'get', actId: UUID });
		const bare = await runKrebit({ resource: 'act', operation: 'get', actId: UUID });
		expect(wrapped.json('Krebit')).toEqual([body]);
		expect(bare.json('Krebit')).toEqual([body]);
	});
});

describe('Act > Get Many', () => {
	test('Limit 3 without a filter', async () => {
		const server = new FakeList('/acts', Array.from({ length: 20 }, (_, i) => act(i, i % 4)), { meta: true });
		const run = await runKrebit({ resource: 'act', operation: 'getAll', limit: 3 });
		expect(run.json('Krebit')).toHaveLength(3);
		expect(server.requests).toHaveLength(1);
		expect(server.requests[0].query.client_id).toBeUndefined();
	});

	test('client filter: sent as client_id AND applied to the records, for a server that ignores it', async () => {
		// This server does not filter: it returns every act.
		const all = Array.from({ length: 300 }, (_, i) => act(i, i % 3 === 0 ? 42 : 7));
		const server = new FakeList('/acts', all);

		const run = await runKrebit({
			resource: 'act',
			operation: 'getAll',
			returnAll: true,
			filters: { clientId: '42' },
		});

		const got = run.json('Krebit');
		expect(got).toHaveLength(100);
		expect(got.every((a) => a.client_id === 42)).toBe(true);
		expect(server.requests.every((r) => r.query.client_id === '42')).toBe(true);
	});

	test('client filter with Limit keeps paging until the limit of matching acts is met', async () => {
		const all = Array.from({ length: 300 }, (_, i) => act(i, i % 10 === 0 ? 42 : 7));
		const server = new FakeList('/acts', all);
		const run = await runKrebit({
			resource: 'act',
			operation: 'getAll',
			limit: 12,
			filters: { clientId: '42' },
		});
		expect(run.json('Krebit')).toHaveLength(12);
		expect(run.json('Krebit').every((a) => a.client_id === 42)).toBe(true);
		// Pages of 12 hold one or two matches each: it stops as soon as it has 12.
		const pages = server.requests.length;
		expect(pages).toBeGreaterThan(1);
		expect(pages * 12).toBeLessThanOrEqual(12 * 10 + 12);
	});
});

describe('Act > Get Latest', () => {
	test("gets the client's latest act", async () => {
		nock(KREBIT).get('/api/1.0/clients/42/acts/latest').reply(200, { data: act(9, 42) });
		const run = await runKrebit({ resource: 'act', operation: 'getLatest', clientId: { mode: 'id', value: '42' } });
		expect(run.json('Krebit')).toEqual([act(9, 42)]);
	});

	test('404 names the client', async () => {
		nock(KREBIT).get('/api/1.0/clients/5/acts/latest').reply(404, { message: 'No query results.' });
		const run = await runKrebit({ resource: 'act', operation: 'getLatest', clientId: { mode: 'id', value: '5' } });
		expect(run.error('Krebit')?.message).toBe('No query results. (Krebit answered 404 to Get the latest act of client 5)');
		expect(run.error('Krebit')?.description).toMatch(/^Client 5 has no act/);
	});
});

describe('Act > Get Data Points', () => {
	const points = [
		{ id: 1, template_field_id: 11, name: 'Revenue', type: 'number', required: true, section_id: 1, tab_id: 1, order: 1, value: 1200000 },
		{ id: 2, template_field_id: 12, name: 'Employees', type: 'number', required: false, section_id: 1, tab_id: 1, order: 2, value: 12 },
		{ id: 3, template_field_id: 13, name: 'Revenue', type: 'number', required: false, section_id: 2, tab_id: 1, order: 3, value: 900000 },
	];
	// The act itself names its client; Get Data Points reads it beside the points.
	beforeEach(() => nock(KREBIT).get(`/api/1.0/acts/${UUID}`).reply(200, { data: { uuid: UUID, client_id: 584, template_name: 'Kreditbedömning företag' } }));

	test('one item per data point, each naming its act and client', async () => {
		nock(KREBIT).get(`/api/1.0/acts/${UUID}/data`).reply(200, { data: points });
		const run = await runKrebit({ resource: 'act', operation: 'getDataPoints', actId: UUID, output: 'items' });
		expect(run.json('Krebit')).toEqual(points.map((point) => ({ ...point, act_uuid: UUID, client_id: 584 })));
		expect(run.output('Krebit').every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	test('one item with name: value, keeping both of two points with one name, after act_uuid and client_id', async () => {
		nock(KREBIT).get(`/api/1.0/acts/${UUID}/data`).reply(200, { data: points });
		const run = await runKrebit({ resource: 'act', operation: 'getDataPoints', actId: UUID, output: 'object' });
		expect(run.json('Krebit')).toEqual([{ act_uuid: UUID, client_id: 584, Revenue: 1200000, Employees: 12, 'Revenue (2)': 900000 }]);
		expect(Object.keys(run.json('Krebit')[0]).slice(0, 2)).toEqual(['act_uuid', 'client_id']);
	});

	test('a data point named act_uuid or client_id is numbered, not lost, and does not hide the act', async () => {
		nock(KREBIT)
			.get(`/api/1.0/acts/${UUID}/data`)
			.reply(200, { data: [{ id: 1, name: 'client_id', value: 'typed by a user' }, { id: 2, name: 'act_uuid', value: 'x' }] });
		const run = await runKrebit({ resource: 'act', operation: 'getDataPoints', actId: UUID, output: 'object' });
		expect(run.json('Krebit')).toEqual([{ act_uuid: UUID, client_id: 584, 'client_id (2)': 'typed by a user', 'act_uuid (2)': 'x' }]);
	});
});
