import nock from 'nock';

import { Krebit } from '../../../nodes/Krebit/Krebit.node';
import { KREBIT } from '../../harness/krebit-harness';
import { runKrebit } from './helpers';

// As an AI Agent's tool, n8n fills `$fromAI(...)` from the tool call, which arrives as the
// node's input item (under `query`). These run the new operations that way on n8n's engine.
const SIGNING = '0f6c3e8a-2b1d-4c5e-8f7a-9b0c1d2e3f40';
const fromAI = (key: string, description: string, type = 'string') => `={{ $fromAI('${key}', '${description}', '${type}') }}`;
const toolCall = (query: object) => [{ json: { query } }];

const NEW_OPERATIONS = {
	signing: ['addRecipient', 'getRecipients', 'removeRecipient', 'send', 'sendReminder', 'cancel', 'getDocuments', 'downloadDocument'],
	client: ['getByOrgNumber'],
	act: ['updateDataPoint', 'updateDataPoints'],
};

describe('the new operations as AI tools', () => {
	const { properties } = new Krebit().description;

	test('each has an action sentence of its own and a description; each of its parameters says what it is', () => {
		const actions = new Set<string>();
		for (const [resource, operations] of Object.entries(NEW_OPERATIONS)) {
			const options = properties.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.[0] === resource)!.options as Array<{
				value: string;
				action: string;
				description: string;
			}>;
			for (const operation of operations) {
				const option = options.find((o) => o.value === operation)!;
				expect(option.action).toMatch(/^(Add|Get|Remove|Send|Remind|Cancel|Download|Update) /);
				expect(option.description.length).toBeGreaterThan(20);
				expect(actions.has(option.action)).toBe(false);
				actions.add(option.action);
				const parameters = properties.filter((p) => p.displayOptions?.show?.operation?.[0] === operation && p.displayOptions?.show?.resource?.[0] === resource);
				// An Options collection is described by its options.
				for (const parameter of parameters.filter((p) => p.type !== 'collection')) expect([parameter.name, parameter.description ?? parameter.hint]).toEqual([parameter.name, expect.any(String)]);
			}
		}
		expect(actions.size).toBe(11);
	});

	test('Add Recipient with $fromAI in the signing locator, the name and the e-mail', async () => {
		const scope = nock(KREBIT)
			.post(`/api/1.0/signings/${SIGNING}/recipients`, { name: 'Anna Lindqvist', email: 'anna@example.se' })
			.reply(201, { data: { id: 7 } });
		const run = await runKrebit(
			{
				resource: 'signing',
				operation: 'addRecipient',
				signingId: { __rl: true, mode: 'id', value: fromAI('signing_id', 'The ID of the draft signing') },
				recipientName: fromAI('name', 'Full name of the person who signs'),
				email: fromAI('email', 'E-mail address of the person who signs'),
			},
			toolCall({ signing_id: SIGNING, name: 'Anna Lindqvist', email: 'anna@example.se' }),
		);
		scope.done();
		expect(run.json('Krebit')).toEqual([{ id: 7 }]);
	});

	test('Send Reminder and Get by Org Number with $fromAI', async () => {
		nock(KREBIT).post(`/api/1.0/signings/${SIGNING}/reminders`).reply(202);
		const reminded = await runKrebit(
			{ resource: 'signing', operation: 'sendReminder', signingId: { __rl: true, mode: 'id', value: fromAI('signing_id', 'The signing') } },
			toolCall({ signing_id: SIGNING }),
		);
		expect(reminded.json('Krebit')[0]).toMatchObject({ signing_id: SIGNING, accepted: true });

		nock(KREBIT)
			.get('/api/1.0/clients')
			.query((query) => query.org_number === '556000-4999')
			.reply(200, { data: [{ id: 5000, org_number: '556000-4999' }], meta: { current_page: 1, last_page: 1 } });
		const found = await runKrebit(
			{ resource: 'client', operation: 'getByOrgNumber', orgNumber: fromAI('org_number', 'Swedish organization number') },
			toolCall({ org_number: '556000-4999' }),
		);
		expect(found.json('Krebit')).toEqual([{ id: 5000, org_number: '556000-4999' }]);
	});

	test('Update Data Points with a Name: Value object from $fromAI', async () => {
		nock(KREBIT).get('/api/1.0/acts/act-1/data').reply(200, { data: [{ id: 101, name: 'Omsättning', type: 'currency', required: true }] });
		const scope = nock(KREBIT).put('/api/1.0/acts/act-1/data', { data: [{ id: 101, value: 2500000 }] }).reply(200, { data: [{ id: 101, value: 2500000 }] });
		const run = await runKrebit(
			{
				resource: 'act',
				operation: 'updateDataPoints',
				actId: { __rl: true, mode: 'id', value: fromAI('act_uuid', 'The act') },
				source: 'object',
				values: fromAI('values', 'Data point names and their new values', 'json'),
			},
			toolCall({ act_uuid: 'act-1', values: { Omsättning: 2500000 } }),
		);
		scope.done();
		expect(run.json('Krebit')[0]).toMatchObject({ act_uuid: 'act-1', updated: 1 });
	});
});

afterAll(() => nock.restore());
