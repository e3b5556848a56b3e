import type { IDataObject, INodeListSearchResult } from 'n8n-workflow';
import nock from 'nock';

import { Krebit } from '../../../nodes/Krebit/Krebit.node';
import { CLIENT_LOOKUPS_PER_LOAD } from '../../../nodes/Krebit/methods/clientNames';
import { loadOptionsContext } from '../../harness/engine';
import { clients, FakeList } from '../../harness/fake-lists';
import { KREBIT } from '../../harness/krebit-harness';
import { KREBIT_NODE, krebitHarness } from './helpers';

async function pick(method: 'searchActs' | 'searchClients', filter?: string, token?: string): Promise<INodeListSearchResult> {
	const harness = krebitHarness();
	const node = harness.node(KREBIT_NODE, { resource: 'act', operation: 'get' });
	const context = loadOptionsContext(harness.nodeTypes, harness.credentials, node, 'parameters.actId');
	return await new Krebit().methods.listSearch[method].call(context, filter, token);
}

/** Today's acts all look alike but for their client: 600 acts over clients 1-300. */
const acts: IDataObject[] = Array.from({ length: 600 }, (_, i) => ({
	uuid: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
	client_id: (i % 300) + 1,
	template_name: 'Kreditbedömning företag',
	created_at: '2026-12-02T08:00:00Z',
}));

describe('Act picker: acts named and found by their company', () => {
	test('a search by company name finds the acts of the Nordin clients; repeated, it sends nothing', async () => {
		const actList = new FakeList('/acts', acts, { meta: true, cap: 50 });
		const clientList = new FakeList('/clients', clients(300), { meta: true, cap: 50 });

		const found = await pick('searchActs', 'nordin data ab 10');
		// Client 10 and clients 100-109 are "Nordin Data AB 10…"; only 10, 100, 106 are Nordin (every sixth from 4).
		const nordin = clients(300).filter((c) => String(c.company_name).toLowerCase().includes('nordin data ab 10'));
		expect(nordin.map((c) => c.id)).toEqual([10, 100, 106]);
		expect(found.results.map((r) => r.name)).toEqual([
			'Kreditbedömning företag · Nordin Data AB 10 · 2026-12-02',
			'Kreditbedömning företag · Nordin Data AB 100 · 2026-12-02',
			'Kreditbedömning företag · Nordin Data AB 106 · 2026-12-02',
			'Kreditbedömning företag · Nordin Data AB 10 · 2026-12-02',
			'Kreditbedömning företag · Nordin Data AB 100 · 2026-12-02',
			'Kreditbedömning företag · Nordin Data AB 106 · 2026-12-02',
		]);
		expect(found.results[0]).toEqual({
			name: 'Kreditbedömning företag · Nordin Data AB 10 · 2026-12-02',
			value: acts[9].uuid,
			url: `${KREBIT}/acts/${String(acts[9].uuid)}`,
		});
		// The whole client list (6 pages) and the whole act list (12 pages), nothing by ID.
		expect(clientList.requests).toHaveLength(6);
		expect(actList.requests).toHaveLength(12);

		await pick('searchActs', 'Nordin Data AB 10');
		await pick('searchClients', 'Nordin');
		expect(clientList.requests).toHaveLength(6);
		expect(actList.requests).toHaveLength(12);
	});

	test(`without a search, names of clients not read yet are fetched by ID, at most ${CLIENT_LOOKUPS_PER_LOAD} per load`, async () => {
		new FakeList('/acts', acts, { meta: true, cap: 50 });
		const byId: string[] = [];
		nock(KREBIT)
			.get(/^\/api\/1\.0\/clients\/\d+$/)
			.reply((uri) => {
				const id = Number(uri.split('/').pop());
				byId.push(String(id));
				return [200, { data: clients(300)[id - 1] }];
			})
			.persist();

		const first = await pick('searchActs');
		expect(first.results).toHaveLength(50);
		expect(byId).toHaveLength(CLIENT_LOOKUPS_PER_LOAD);
		expect(first.results[0].name).toBe('Kreditbedömning företag · Bergström Bygg AB 1 · 2026-12-02');
		expect(first.results[CLIENT_LOOKUPS_PER_LOAD].name).toBe('Kreditbedömning företag · client 11 · 2026-12-02');
	});

	test('an act whose client cannot be read keeps its client ID in the label', async () => {
		new FakeList('/acts', acts.slice(0, 1), { meta: true });
		nock(KREBIT).get('/api/1.0/clients/1').reply(404, { message: 'Not found' });
		const result = await pick('searchActs');
		expect(result.results.map((r) => r.name)).toEqual(['Kreditbedömning företag · client 1 · 2026-12-02']);
	});
});
