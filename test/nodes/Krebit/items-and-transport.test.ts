import nock from 'nock';

import { RETRY, retryDelayMs } from '../../../nodes/shared/transport/request';
import { authorizationCodeCredential, CLIENT_SECRET, KREBIT } from '../../harness/krebit-harness';
import { FakeTokenServer } from '../../harness/token-server';
import { krebitHarness, runKrebit, visibleText } from './helpers';
import { answers } from './answers';

const getClientFromInput = { resource: 'client', operation: 'get', clientId: { mode: 'id', value: '={{ $json.clientId }}' } };
const fiftyItems = Array.from({ length: 50 }, (_, i) => ({ json: { clientId: i + 1 } }));

function serveClientsExcept(failing: number) {
	nock(KREBIT)
		.get(/^\/api\/1\.0\/clients\/\d+$/)
		.reply((uri) => {
			const id = Number(uri.split('/').pop());
			return id === failing
				? [404, { message: 'No query results for model [Client].' }]
				: [200, { data: { id, company_name: `Company ${id}` } }];
		})
		.persist();
}

describe('items', () => {
	test('50 input items give 50 results, in order, each paired with its item', async () => {
		serveClientsExcept(-1);
		const run = await runKrebit(getClientFromInput, fiftyItems);
		const output = run.output('Krebit');
		expect(output.map((item) => item.json.id)).toEqual(fiftyItems.map((item) => item.json.clientId));
		expect(output.map((item) => item.pairedItem)).toEqual(fiftyItems.map((_, i) => ({ item: i })));
	});

	test('Continue On Fail: item 17 carries its error, the other 49 their client', async () => {
		serveClientsExcept(18); // item index 17 asks for client 18
		const run = await runKrebit(getClientFromInput, fiftyItems, { continueOnFail: true });
		const output = run.output('Krebit');
		expect(output).toHaveLength(50);
		expect(output[17].json).toEqual({
			error: 'No query results for model [Client]. (Krebit answered 404 to Get client 18)',
			description: 'No client with ID 18 in this Krebit organization. Check the ID, and that it belongs to this organization.',
		});
		expect(output[17].pairedItem).toEqual({ item: 17 });
		const others = output.filter((_, i) => i !== 17);
		expect(others.every((item) => typeof item.json.id === 'number' && item.json.error === undefined)).toBe(true);
		expect(run.error('Krebit')).toBeUndefined();
	});

	test('without Continue On Fail the run stops at item 17 and says so', async () => {
		serveClientsExcept(18);
		const run = await runKrebit(getClientFromInput, fiftyItems);
		const error = run.error('Krebit')!;
		expect(error.message).toBe('No query results for model [Client]. (Krebit answered 404 to Get client 18)');
		// n8n shows which item failed; the description does not repeat it.
		expect(error.description).not.toContain('[item');
		expect(error.context.itemIndex).toBe(17);
	});
});

describe('credential problems reach the user clearly', () => {
	test('an expired token is refreshed and the node goes on', async () => {
		const tokens = new FakeTokenServer('/api/oauth/token');
		nock(KREBIT).get('/api/1.0/me').matchHeader('authorization', 'Bearer access-1').times(2).reply(401, { message: 'Unauthenticated.' });
		nock(KREBIT).get('/api/1.0/me').matchHeader('authorization', 'Bearer access-2').reply(200, { data: { id: 5 } });
		const harness = krebitHarness();
		const run = await runKrebit({ resource: 'user', operation: 'getCurrent' }, undefined, { harness });
		expect(run.json('Krebit')).toEqual([{ id: 5 }]);
		expect(tokens.requests).toHaveLength(1);
		expect(harness.storedToken()).toMatchObject({ access_token: 'access-2', refresh_token: 'refresh-2' });
	});

	test('401 even after a refresh: reconnect hint, no token or secret in the error', async () => {
		new FakeTokenServer('/api/oauth/token');
		nock(KREBIT).get('/api/1.0/me').reply(401, { message: 'Unauthenticated.' }).persist();
		const run = await runKrebit({ resource: 'user', operation: 'getCurrent' });
		const error = run.error('Krebit');
		expect(error?.message).toBe('Unauthenticated. (Krebit answered 401 to Get the current user)');
		expect(error?.description).toMatch(/reconnect it/);
		for (const secret of ['access-1', 'access-2', 'refresh-1', 'refresh-2', CLIENT_SECRET]) {
			expect(visibleText(error)).not.toContain(secret);
		}
	});

	test('a refused refresh (invalid_grant) says to reconnect', async () => {
		new FakeTokenServer('/api/oauth/token', 'not-the-stored-one');
		nock(KREBIT).get('/api/1.0/me').times(2).reply(401);
		const run = await runKrebit({ resource: 'user', operation: 'getCurrent' });
		expect(run.error('Krebit')?.message).toBe('The credential "Krebit account" needs to be reconnected.');
		expect(visibleText(run.error('Krebit'))).not.toContain('refresh-1');
	});

	test('a credential that was never connected says to click Connect', async () => {
		const harness = krebitHarness(authorizationCodeCredential({ oauthTokenData: undefined as never }));
		const run = await runKrebit({ resource: 'user', operation: 'getCurrent' }, undefined, { harness });
		expect(run.error('Krebit')?.message).toBe('The Krebit credential is not connected yet');
	});

	test('an Organization that names no tenant is refused before any request', async () => {
		const harness = krebitHarness(authorizationCodeCredential({ organization: 'acme.krebit.se.evil.com' }));
		const run = await runKrebit({ resource: 'user', operation: 'getCurrent' }, undefined, { harness });
		expect(run.error('Krebit')?.message).toBe(
			'The Organization "acme.krebit.se.evil.com" in the Krebit credential is not a Krebit tenant',
		);
	});

	test('the tenant is read the same way whatever the user typed', async () => {
		const scope = nock('https://yourco.krebit.se').get('/api/1.0/me').reply(200, { id: 1 });
		const harness = krebitHarness(authorizationCodeCredential({ organization: ' https://YourCo.krebit.se/ ' }));
		const run = await runKrebit({ resource: 'user', operation: 'getCurrent' }, undefined, { harness });
		scope.done();
		expect(run.json('Krebit')).toEqual([{ id: 1 }]);
	});
});

const createDraft = { resource: 'signing', operation: 'create', name: 'Avtal' };

describe('retries: 429 for every method, 502/503/504 only where a repeat cannot make a second record', () => {
	test.each([502, 503, 504])('a POST answered %i is not sent again; the error says it may or may not have been made', async (status) => {
		const krebit = answers('post', '/api/1.0/signings', [status, { message: 'Upstream trouble' }], [201, { id: 'second' }]);
		const run = await runKrebit(createDraft);
		expect(krebit.calls).toBe(1);
		const error = run.error('Krebit')!;
		expect(error.message).toBe(`Upstream trouble (Krebit answered ${status} to Create a draft signing)`);
		expect(error.description).toContain('It may or may not have been made');
		expect(error.description).toContain('Krebit request ID: req-1');
	});

	test('a POST answered 429 is retried (Krebit did not carry it out)', async () => {
		const krebit = answers('post', '/api/1.0/signings', [429, {}], [201, { id: 'sig-1' }]);
		const run = await runKrebit(createDraft);
		expect(krebit.calls).toBe(2);
		expect(run.json('Krebit')).toEqual([{ id: 'sig-1' }]);
	});

	test.each([502, 503, 504])('a GET answered %i is retried', async (status) => {
		const krebit = answers('get', '/api/1.0/me', [status, {}], [200, { id: 1 }]);
		const run = await runKrebit({ resource: 'user', operation: 'getCurrent' });
		expect(krebit.calls).toBe(2);
		expect(run.json('Krebit')).toEqual([{ id: 1 }]);
	});

	test('a DELETE answered 504 is retried', async () => {
		const krebit = answers('delete', '/api/1.0/webhooks/17', [504, {}], [204, '']);
		const run = await runKrebit({ resource: 'webhook', operation: 'delete', webhookId: '17' });
		expect(krebit.calls).toBe(2);
		expect(run.json('Krebit')).toEqual([{ deleted: true }]);
	});

	test('503 four times: a clear error after 4 attempts', async () => {
		const scope = nock(KREBIT).get('/api/1.0/me').times(4).reply(503, { message: 'Service Unavailable' }, { 'Retry-After': '0' });
		const run = await runKrebit({ resource: 'user', operation: 'getCurrent' });
		scope.done();
		expect(run.error('Krebit')?.message).toBe('Service Unavailable (Krebit answered 503 to Get the current user after 4 attempts)');
	});

	test("a proxy's HTML error page is not taken for Krebit's message", async () => {
		nock(KREBIT).get('/api/1.0/me').times(4).reply(502, '<html><head><title>502 Bad Gateway</title></head></html>', { 'Retry-After': '0' });
		const run = await runKrebit({ resource: 'user', operation: 'getCurrent' });
		expect(run.error('Krebit')?.message).toBe('Get the current user failed: Krebit answered 502 after 4 attempts');
	});

	test('Retry-After: seconds, HTTP date, capped; back-off when absent', () => {
		const now = Date.parse('2026-11-23T12:00:00Z');
		expect(retryDelayMs({ 'retry-after': '2' }, 1, now)).toBe(2000);
		expect(retryDelayMs({ 'Retry-After': 'Mon, 23 Nov 2026 12:00:05 GMT' }, 1, now)).toBe(5000);
		expect(retryDelayMs({ 'retry-after': 'Mon, 23 Nov 2026 11:59:00 GMT' }, 1, now)).toBe(0);
		expect(retryDelayMs({ 'retry-after': '3600' }, 1, now)).toBe(RETRY.maxDelayMs);
		expect(retryDelayMs({}, 1, now)).toBe(RETRY.baseDelayMs);
		expect(retryDelayMs({}, 3, now)).toBe(RETRY.baseDelayMs * 4);
		expect(retryDelayMs({ 'retry-after': 'soon' }, 2, now)).toBe(RETRY.baseDelayMs * 2);
	});

	test('500 is not retried and says Krebit had a problem', async () => {
		const scope = nock(KREBIT).get('/api/1.0/me').reply(500, 'Server Error');
		const run = await runKrebit({ resource: 'user', operation: 'getCurrent' });
		scope.done();
		expect(run.error('Krebit')?.message).toBe('Server Error (Krebit answered 500 to Get the current user)');
		expect((run.error('Krebit')!).description).toMatch(/internal problem/);
	});
});

describe('records become items as they are', () => {
	test('a Krebit template record with a field named json comes out whole', async () => {
		const template = { id: 3, name: 'Kreditprövning', json: { schema: 2, tabs: [{ id: 1, name: 'Ekonomi' }] } };
		nock(KREBIT).get('/api/1.0/templates/3').reply(200, { data: template });
		const run = await runKrebit({ resource: 'template', operation: 'get', templateId: '3' });
		expect(run.output('Krebit')).toEqual([{ json: template, pairedItem: { item: 0 } }]);
	});
});
