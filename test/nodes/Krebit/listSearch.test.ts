import { searchClients } from '../../../nodes/Krebit/methods/listSearch';
import { loadOptionsContext } from '../../harness/engine';
import { clients, FakeList } from '../../harness/fake-lists';
import { KREBIT_NODE, krebitHarness } from './helpers';

describe('Client picker (From List, with search)', () => {
	function context() {
		const harness = krebitHarness();
		const node = harness.node(KREBIT_NODE, { resource: 'client', operation: 'get' });
		return loadOptionsContext(harness.nodeTypes, harness.credentials, node, 'parameters.clientId');
	}

	test('lists clients by name and org number, one page at a time', async () => {
		const server = new FakeList('/clients', clients(150), { meta: true });
		const first = await searchClients.call(context());
		expect(first.results).toHaveLength(100);
		expect(first.results[0]).toEqual({ name: 'Bergström Bygg AB 1 (5506000000)', value: '1' });
		expect(first.paginationToken).toBe('2');
		const second = await searchClients.call(context(), undefined, first.paginationToken as string);
		expect(second.results).toHaveLength(50);
		expect(second.paginationToken).toBeUndefined();
		expect(server.requests.map((r) => r.page)).toEqual([1, 2]);
	});

	test('search filters by name or org number, case-insensitively', async () => {
		new FakeList('/clients', clients(30), { meta: true });
		const byName = await searchClients.call(context(), 'åkesson');
		expect(byName.results.map((r) => r.value)).toEqual(['3', '9', '15', '21', '27']);
		const byOrgNumber = await searchClients.call(context(), '5506000011');
		expect(byOrgNumber.results).toEqual([{ name: 'Ekman Elteknik AB 12 (5506000011)', value: '12' }]);
	});
});
