import type { INodeListSearchResult } from 'n8n-workflow';
import nock from 'nock';

import { Krebit } from '../../../nodes/Krebit/Krebit.node';
import { loadOptionsContext } from '../../harness/engine';
import { clients } from '../../harness/fake-lists';
import { KREBIT } from '../../harness/krebit-harness';
import { KREBIT_NODE, krebitHarness } from './helpers';

afterAll(() => nock.restore());

async function pickClients(filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const harness = krebitHarness();
	const node = harness.node(KREBIT_NODE, { resource: 'client', operation: 'get' });
	const context = loadOptionsContext(harness.nodeTypes, harness.credentials, node, 'parameters.clientId');
	return await new Krebit().methods.listSearch.searchClients.call(context, filter, paginationToken);
}

describe('the client picker reads lists by the same rules as Get Many', () => {
	test('meta.last_page 0 with links.next set: the picker offers the next page instead of ending at the first', async () => {
		const all = clients(250);
		nock(KREBIT)
			.get('/api/1.0/clients')
			.query(true)
			.reply((uri) => {
				const page = Number(new URL(uri, KREBIT).searchParams.get('page'));
				const data = all.slice((page - 1) * 100, page * 100);
				const next = page < 3 ? `${KREBIT}/api/1.0/clients?page=${page + 1}` : null;
				return [200, { data, meta: { current_page: page, last_page: 0, per_page: 100, total: 250 }, links: { next } }];
			})
			.persist();

		const loads = [await pickClients()];
		while (loads[loads.length - 1].paginationToken && loads.length < 10) {
			loads.push(await pickClients(undefined, loads[loads.length - 1].paginationToken));
		}

		expect(loads.map((load) => load.results.length)).toEqual([100, 100, 50]);
		expect(loads.flatMap((load) => load.results.map((r) => r.value))).toEqual(all.map((c) => String(c.id)));
	});

	test('"not a list" reads as in Get Many, with the picker\'s hint', async () => {
		nock(KREBIT).get('/api/1.0/clients').query(true).reply(200, { message: 'maintenance' });
		await expect(pickClients()).rejects.toThrow('List clients failed: Krebit did not answer with a list');
	});
});
