import nock from 'nock';

import { FakeList } from '../../harness/fake-lists';
import { KREBIT } from '../../harness/krebit-harness';
import { runKrebit, visibleText } from './helpers';

describe('Template', () => {
	const template = {
		id: 3,
		name: 'Kreditbedömning standard',
		country: 'SE',
		language: 'sv',
		tabs: [{ id: 1, name: 'Ekonomi', order: 1, sections: [{ id: 1, name: 'Resultat', order: 1, fields: [{ id: 11, name: 'Revenue', type: 'number', required: true, options: [], order: 1 }] }] }],
	};

	test('Get returns the template with its tabs, sections and fields', async () => {
		nock(KREBIT).get('/api/1.0/templates/3').reply(200, { data: template });
		const run = await runKrebit({ resource: 'template', operation: 'get', templateId: '3' });
		expect(run.json('Krebit')).toEqual([template]);
	});

	test('Get Many sends the name and country filters', async () => {
		const server = new FakeList('/templates', [template], { meta: true });
		const run = await runKrebit({
			resource: 'template',
			operation: 'getAll',
			returnAll: true,
			filters: { name: 'Kreditbedömning standard', country: 'SE' },
		});
		expect(run.json('Krebit')).toEqual([template]);
		expect(server.requests[0].query).toEqual({ name: 'Kreditbedömning standard', country: 'SE', limit: '100', page: '1' });
	});
});

describe('User > Get Current', () => {
	test('returns /me', async () => {
		const me = { id: 5, name: 'Anna Berg', email: 'anna@acme.se', organization: { id: 1, name: 'Acme AB' } };
		nock(KREBIT).get('/api/1.0/me').reply(200, { data: me });
		const run = await runKrebit({ resource: 'user', operation: 'getCurrent' });
		expect(run.json('Krebit')).toEqual([me]);
	});

	test('403 says the user lacks a role', async () => {
		nock(KREBIT).get('/api/1.0/me').reply(403, { message: 'This action is unauthorized.' });
		const run = await runKrebit({ resource: 'user', operation: 'getCurrent' });
		const error = run.error('Krebit')!;
		expect(error.message).toBe('This action is unauthorized. (Krebit answered 403 to Get the current user)');
		expect(error.description).toMatch(/lacks a role/);
	});
});

describe('Webhook', () => {
	test('Create posts the event and target, and hides the signing secret', async () => {
		const scope = nock(KREBIT)
			.post('/api/1.0/webhooks', { event: 'act.created', target: 'https://example.com/hooks/krebit' })
			.matchHeader('content-type', /application\/json/)
			.reply(201, { data: { id: 17, event: 'act.created', target: 'https://example.com/hooks/krebit', secret: 'whsec-very-secret-value' } });
		const run = await runKrebit({
			resource: 'webhook',
			operation: 'create',
			event: 'act.created',
			target: 'https://example.com/hooks/krebit',
		});
		scope.done();
		expect(run.json('Krebit')).toEqual([
			{ id: 17, event: 'act.created', target: 'https://example.com/hooks/krebit', secret: '(hidden)' },
		]);
		expect(JSON.stringify(run.run.data)).not.toContain('whsec-very-secret-value');
	});

	test('Create with a custom event', async () => {
		const scope = nock(KREBIT)
			.post('/api/1.0/webhooks', { event: 'client.updated', target: 'https://example.com/h' })
			.reply(201, { id: 18, event: 'client.updated', target: 'https://example.com/h' });
		const run = await runKrebit({
			resource: 'webhook',
			operation: 'create',
			event: 'custom',
			customEvent: ' client.updated ',
			target: 'https://example.com/h',
		});
		scope.done();
		expect(run.json('Krebit')).toEqual([{ id: 18, event: 'client.updated', target: 'https://example.com/h' }]);
	});

	test.each([
		['a custom event that is no event name', { event: 'custom', customEvent: 'DROP TABLE', target: 'https://e.com' }, /not a Krebit event name/],
		['a target that is no URL', { event: 'act.created', target: 'example.com/hook' }, /is not a web address/],
	])('Create refuses %s before sending', async (_case, parameters, message) => {
		const run = await runKrebit({ resource: 'webhook', operation: 'create', ...parameters });
		expect(run.error('Krebit')?.message).toMatch(message);
	});

	test('Create: 400 with field errors names them', async () => {
		nock(KREBIT)
			.post('/api/1.0/webhooks')
			.reply(400, { message: 'The given data was invalid.', errors: { target: ['The target must be a valid URL.'], event: ['The selected event is invalid.'] } }, { request_id: 'req-77' });
		const run = await runKrebit({ resource: 'webhook', operation: 'create', event: 'act.created', target: 'https://example.com/h' });
		const error = run.error('Krebit')!;
		expect(error.message).toBe('The given data was invalid. (Krebit answered 400 to Create a Krebit webhook for "act.created")');
		expect(error.description).toContain('target: The target must be a valid URL.');
		expect(error.description).toContain('event: The selected event is invalid.');
		expect(error.description).toContain('Krebit request ID: req-77');
		expect(visibleText(error)).not.toContain('access-1');
	});

	test('422 is read like 400', async () => {
		nock(KREBIT).post('/api/1.0/webhooks').reply(422, { message: 'Invalid.', errors: { target: ['Required.'] } });
		const run = await runKrebit({ resource: 'webhook', operation: 'create', event: 'act.created', target: 'https://e.com/h' });
		expect((run.error('Krebit')!).description).toContain('target: Required.');
	});

	test('Get Many lists subscriptions without their secrets', async () => {
		new FakeList('/webhooks', [
			{ id: 1, event: 'act.created', target: 'https://a.example/h', secret: 'whsec-one' },
			{ id: 2, event: 'signing.sent', target: 'https://b.example/h' },
		]);
		const run = await runKrebit({ resource: 'webhook', operation: 'getAll', returnAll: true });
		expect(run.json('Krebit')).toEqual([
			{ id: 1, event: 'act.created', target: 'https://a.example/h', secret: '(hidden)' },
			{ id: 2, event: 'signing.sent', target: 'https://b.example/h' },
		]);
	});

	test('Delete returns { deleted: true }', async () => {
		const scope = nock(KREBIT).delete('/api/1.0/webhooks/17').reply(204);
		const run = await runKrebit({ resource: 'webhook', operation: 'delete', webhookId: '17' });
		scope.done();
		expect(run.json('Krebit')).toEqual([{ deleted: true }]);
	});

	test('Delete of an unknown webhook is a 404 error', async () => {
		nock(KREBIT).delete('/api/1.0/webhooks/99').reply(404, { message: 'Not found.' });
		const run = await runKrebit({ resource: 'webhook', operation: 'delete', webhookId: '99' });
		expect(run.error('Krebit')?.message).toBe('Not found. (Krebit answered 404 to Delete webhook 99)');
		expect(run.error('Krebit')?.description).toMatch(/^No webhook with ID 99 in this Krebit organization\./);
	});
});
