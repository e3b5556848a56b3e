import type { INodeProperties, INodeParameters } from 'n8n-workflow';
import nock from 'nock';

import { Krebit } from '../../../nodes/Krebit/Krebit.node';
import { KREBIT } from '../../harness/krebit-harness';
import { runKrebit } from './helpers';

const ACT_UUID = '9b2f4c1e-5d7a-4e8b-9c3d-1a2b3c4d5e6f';

/** Each record parameter: where it appears, and one ID with the request it leads to. */
const LOCATORS = [
	{ parameter: 'clientId', resource: 'client', operation: 'get', id: '42', path: '/clients/42', page: 'clients', reply: 200 },
	{ parameter: 'clientId', resource: 'act', operation: 'getLatest', id: '42', path: '/clients/42/acts/latest', page: 'clients', reply: 200 },
	{ parameter: 'actId', resource: 'act', operation: 'get', id: ACT_UUID, path: `/acts/${ACT_UUID}`, page: 'acts', reply: 200 },
	{ parameter: 'actId', resource: 'act', operation: 'getDataPoints', id: ACT_UUID, path: `/acts/${ACT_UUID}/data`, page: 'acts', reply: 200 },
	{ parameter: 'signingId', resource: 'signing', operation: 'get', id: 'sig-7', path: '/signings/sig-7', page: 'signings', reply: 200 },
	{ parameter: 'templateId', resource: 'template', operation: 'get', id: '3', path: '/templates/3', page: 'templates', reply: 200 },
	{ parameter: 'webhookId', resource: 'webhook', operation: 'delete', id: '17', path: '/webhooks/17', page: undefined, reply: 204 },
] as const;

type Locator = (typeof LOCATORS)[number];

function property(locator: Locator): INodeProperties {
	const found = new Krebit().description.properties.find(
		(p) =>
			p.name === locator.parameter &&
			p.displayOptions?.show?.resource?.[0] === locator.resource &&
			p.displayOptions?.show?.operation?.[0] === locator.operation,
	);
	if (!found) throw new Error(`no ${locator.parameter} on ${locator.resource} ${locator.operation}`);
	return found;
}

function expectRequest(locator: Locator) {
	// Get Data Points reads the act beside its points (for act_uuid and client_id).
	if (locator.operation === 'getDataPoints') nock(KREBIT).get(`/api/1.0/acts/${locator.id}`).reply(200, { data: { uuid: locator.id } });
	return nock(KREBIT)
		.intercept(`/api/1.0${locator.path}`, locator.reply === 204 ? 'DELETE' : 'GET')
		.reply(locator.reply, locator.reply === 204 ? undefined : { data: [] });
}

async function run(locator: Locator, value: INodeParameters[string]) {
	return await runKrebit({ resource: locator.resource, operation: locator.operation, [locator.parameter]: value });
}

describe.each(LOCATORS)('$resource > $operation: $parameter', (locator) => {
	test('offers From List (searchable), By URL where Krebit has a page, and By ID', () => {
		const parameter = property(locator);
		expect(parameter.type).toBe('resourceLocator');
		expect(parameter.default).toEqual({ mode: 'list', value: '' });
		expect(parameter.modes?.map((m) => m.displayName)).toEqual(
			locator.page ? ['From List', 'By URL', 'By ID'] : ['From List', 'By ID'],
		);
		expect(parameter.modes?.[0].typeOptions).toMatchObject({ searchable: true });
	});

	test('By ID and From List call Krebit with that ID', async () => {
		for (const mode of ['id', 'list']) {
			const scope = expectRequest(locator);
			const result = await run(locator, { __rl: true, mode, value: locator.id });
			expect(result.error('Krebit')).toBeUndefined();
			scope.done();
		}
	});

	test('a workflow saved before the picker existed (a plain string) still runs', async () => {
		const scope = expectRequest(locator);
		const result = await run(locator, locator.id);
		expect(result.error('Krebit')).toBeUndefined();
		scope.done();
	});

	if (locator.page) {
		test.each(['other-tenant', 'acme', 'ab12-x'])('By URL takes a page address of any tenant label (%s)', async (label) => {
			const scope = expectRequest(locator);
			const url = `https://${label}.krebit.se/${locator.page}/${locator.id}?tab=overview`;
			const result = await run(locator, { __rl: true, mode: 'url', value: url });
			expect(result.error('Krebit')).toBeUndefined();
			scope.done();
		});

		test('By URL refuses an address that is not a Krebit page, before anything is sent', async () => {
			await expect(
				run(locator, { __rl: true, mode: 'url', value: `https://evil.example.com/${locator.page}/${locator.id}` }),
			).rejects.toThrow(/Not the address of a Krebit/);
		});
	}
});
