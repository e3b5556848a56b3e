import type { INodeProperties } from 'n8n-workflow';

import { Krebit } from '../../../nodes/Krebit/Krebit.node';
import { KrebitPollingTrigger } from '../../../nodes/KrebitPollingTrigger/KrebitPollingTrigger.node';
import { FakeClock, FakeFeed, act } from '../../harness/fake-feed';
import { clients, FakeList } from '../../harness/fake-lists';
import { loadOptionsContext } from '../../harness/engine';
import { KrebitHarness, KREBIT } from '../../harness/krebit-harness';
import { poller, POLLING_TRIGGER } from '../KrebitPollingTrigger/helpers';
import { runKrebit } from './helpers';

const krebitProperties = new Krebit().description.properties;
const clientGet = krebitProperties.find((p) => p.name === 'clientId' && p.displayOptions?.show?.operation?.[0] === 'get') as INodeProperties;
const actFilters = krebitProperties.find(
	(p) => p.name === 'filters' && p.displayOptions?.show?.resource?.[0] === 'act' && p.displayOptions?.show?.operation?.[0] === 'getAll',
) as INodeProperties;
const filterLocator = (actFilters.options as INodeProperties[]).find((p) => p.name === 'clientId') as INodeProperties;
const triggerLocator = new KrebitPollingTrigger().description.properties.find((p) => p.name === 'clientId') as INodeProperties;

const modesOf = (p: INodeProperties) => JSON.stringify(p.modes);

describe('every Client ID is a picker like Client > Get', () => {
	test.each([
		['Act > Get Many, Filters > Client', filterLocator],
		['Polling Trigger > Client', triggerLocator],
	])('%s: From List, By URL and By ID, with the same validation', (_where, locator) => {
		expect(locator.type).toBe('resourceLocator');
		expect(modesOf(locator)).toBe(modesOf(clientGet));
		expect(locator.required).toBe(false);
	});

	test('By ID accepts a number and refuses "abc" and a path', () => {
		const byId = clientGet.modes?.find((m) => m.name === 'id');
		const rule = byId?.validation?.[0] as unknown as { properties: { regex: string; errorMessage: string } };
		const valid = new RegExp(rule.properties.regex);
		expect(['42', '12345'].map((id) => valid.test(id))).toEqual([true, true]);
		expect(['abc', '42a', '42/../webhooks', ''].map((id) => valid.test(id))).toEqual([false, false, false, false]);
		expect(rule.properties.errorMessage).toBe('Not a valid Krebit client ID (client IDs are whole numbers, like 42)');
	});
});

describe('Act > Get Many, filtered by client', () => {
	const acts = [
		{ uuid: 'a1', client_id: 42 },
		{ uuid: 'a2', client_id: 7 },
	];

	test.each([
		['the picker, By ID', { __rl: true, mode: 'id', value: '42' }],
		['the picker, From List', { __rl: true, mode: 'list', value: '42', cachedResultName: 'Nordin Data AB' }],
		['the plain number a saved workflow holds', '42'],
	])('with %s: asks for client_id=42 and keeps its acts only', async (_how, clientId) => {
		const server = new FakeList('/acts', acts);
		const run = await runKrebit({ resource: 'act', operation: 'getAll', returnAll: true, filters: { clientId } });
		expect(run.error('Krebit')).toBeUndefined();
		expect(run.json('Krebit')).toEqual([acts[0]]);
		expect(server.requests.every((r) => r.query.client_id === '42')).toBe(true);
	});

	test('an empty Client filter filters nothing', async () => {
		const server = new FakeList('/acts', acts);
		const run = await runKrebit({ resource: 'act', operation: 'getAll', returnAll: true, filters: { clientId: { __rl: true, mode: 'list', value: '' } } });
		expect(run.json('Krebit')).toEqual(acts);
		expect(server.requests.every((r) => r.query.client_id === undefined)).toBe(true);
	});

	test('"abc" typed By ID is refused before any request', async () => {
		// n8n does not check a picker inside a collection before the run (the editor marks it); the node does.
		const run = await runKrebit({ resource: 'act', operation: 'getAll', returnAll: true, filters: { clientId: { __rl: true, mode: 'id', value: 'abc' } } });
		expect(run.error('Krebit')?.message).toBe('Client ID "abc" is not a valid Krebit ID');
	});

	test('"abc" from a saved workflow or an expression is refused before any request', async () => {
		// No Krebit is mocked: any request would fail with another message.
		const run = await runKrebit({ resource: 'act', operation: 'getAll', returnAll: true, filters: { clientId: 'abc' } });
		expect(run.error('Krebit')?.message).toBe('Client ID "abc" is not a valid Krebit ID');
		expect(run.error('Krebit')?.description).toBe('Krebit client IDs are whole numbers, like 42.');
	});
});

describe('Polling Trigger, New Act for one client', () => {
	test.each([
		['the picker', { __rl: true, mode: 'list', value: '7' }],
		['the plain number a saved workflow holds', '7'],
	])("with %s: that client's newest act", async (_how, clientId) => {
		const clock = new FakeClock();
		const mine = act(clock, 7);
		new FakeFeed('/acts', { order: 'newestFirst', orderBy: 'created_at' }).add(mine, act(clock, 8));
		const manual = await poller({ event: 'newAct', clientId }).fetchTestEvent();
		expect(manual.json('Krebit Polling Trigger').map((a) => a.uuid)).toEqual([mine.uuid]);
	});

	test('"abc" typed By ID is flagged by n8n before the poll runs; from a saved workflow, refused before any request', async () => {
		await expect(poller({ event: 'newAct', clientId: { __rl: true, mode: 'id', value: 'abc' } }).fetchTestEvent()).rejects.toThrow(
			/Not a valid Krebit client ID \(client IDs are whole numbers, like 42\)/,
		);
		const manual = await poller({ event: 'newAct', clientId: 'abc' }).fetchTestEvent();
		expect(manual.error('Krebit Polling Trigger')?.message).toBe('Client ID "abc" is not a valid Krebit ID');
	});

	test('its From List searches clients through the same cache as the Krebit node', async () => {
		const server = new FakeList('/clients', clients(30), { meta: true });
		const harness = new KrebitHarness().registerNode(POLLING_TRIGGER, new KrebitPollingTrigger());
		const node = harness.node(POLLING_TRIGGER, { event: 'newAct' }, 'Krebit Polling Trigger');
		const context = loadOptionsContext(harness.nodeTypes, harness.credentials, node, 'parameters.clientId');
		const found = await new KrebitPollingTrigger().methods.listSearch.searchClients.call(context, 'nordin data ab 4');
		expect(found.results).toEqual([{ name: 'Nordin Data AB 4 (5506000003)', value: '4', url: `${KREBIT}/clients/4` }]);
		expect(server.requests).toHaveLength(1);
	});
});
