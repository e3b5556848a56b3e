import nock from 'nock';

import { fixture } from '../../harness/fixtures';
import { KREBIT } from '../../harness/krebit-harness';
import { runKrebit, visibleText } from '../Krebit/helpers';
import { trigger } from '../KrebitTrigger/helpers';

afterAll(() => nock.restore());

const getClient = { resource: 'client', operation: 'get', clientId: { __rl: true, mode: 'id', value: '42' } };
const createDraft = { resource: 'signing', operation: 'create', name: 'Kreditavtal' };
const LOGIN_PAGE = '<!DOCTYPE html>\n<html lang="sv"><head><title>Logga in – Krebit</title></head><body><form action="/login">…</form></body></html>';

describe('a 2xx answer that is not a record is an error that says what came back', () => {
	test('Client > Get answered 200 text/html (a login page): status, content type, first characters, request ID', async () => {
		nock(KREBIT).get('/api/1.0/clients/42').reply(200, LOGIN_PAGE, { 'Content-Type': 'text/html; charset=UTF-8', request_id: 'req-html' });

		const run = await runKrebit(getClient);

		const error = run.error('Krebit');
		expect(error?.message).toBe(
			'Get client 42 failed: Krebit answered 200 (text/html) with "<!DOCTYPE html> <html lang="sv"><head><title>Logga in – Krebit</title></head><bo…", not a record',
		);
		expect(error?.description).toContain('Check the Organization in the Krebit credential');
		expect(error?.description).toContain('whether Krebit is up');
		expect(error?.description).toContain('Krebit request ID: req-html');
		expect(run.output('Krebit')).toEqual([]);
	});

	test('Signing > Create Draft answered 201 text/html: an error that also says the draft may have been made', async () => {
		nock(KREBIT).post('/api/1.0/signings').reply(201, '<html><body>Maintenance</body></html>', { 'Content-Type': 'text/html' });
		const run = await runKrebit(createDraft);
		const error = run.error('Krebit');
		expect(error?.message).toBe(
			'Create a draft signing failed: Krebit answered 201 (text/html) with "<html><body>Maintenance</body></html>", not a record',
		);
		expect(error?.description).toMatch(/may or may not have been made/);
	});

	test.each([
		['an empty answer', '', { 'Content-Type': 'application/json' }, 'Krebit answered 200 (application/json) with an empty answer, not a record'],
		['a JSON list', [{ id: 1 }, { id: 2 }], {}, 'Krebit answered 200 (application/json) with a JSON list of 2 entries, not a record'],
		['plain text', 'OK', { 'Content-Type': 'text/plain' }, 'Krebit answered 200 (text/plain) with "OK", not a record'],
		['no content type', 'OK', {}, 'Krebit answered 200 (no content type) with "OK", not a record'],
	])('User > Get Current answered with %s: an error', async (_case, body, headers, expected) => {
		nock(KREBIT).get('/api/1.0/me').reply(200, body as never, headers as Record<string, string>);
		const run = await runKrebit({ resource: 'user', operation: 'getCurrent' });
		expect(run.error('Krebit')?.message).toBe(`Get the current user failed: ${expected}`);
	});

	test('what came back is quoted with anything like a token masked, and cut after 80 characters', async () => {
		const page = `<p>Bearer eyJhbGciOiJIUzI1NiJ9.secret-part access_token=tok-123456 ${'x'.repeat(200)}</p>`;
		nock(KREBIT).get('/api/1.0/clients/42').reply(200, page, { 'Content-Type': 'text/html' });
		const run = await runKrebit(getClient);
		const text = visibleText(run.error('Krebit'));
		expect(text).not.toContain('eyJhbGciOiJIUzI1NiJ9');
		expect(text).not.toContain('tok-123456');
		expect(text).toContain('"<p>Bearer *** access_token=*** xxx');
		expect(text).not.toContain('x'.repeat(80));
	});

	test('Upload Document answered 200 text/html: an error, not an item holding the page', async () => {
		const signing = '0f6c3e8a-2b1d-4c5e-8f7a-9b0c1d2e3f40';
		nock(KREBIT).post(`/api/1.0/signings/${signing}/documents`).reply(200, LOGIN_PAGE, { 'Content-Type': 'text/html' });
		const pdf = fixture('agreement.pdf');
		const run = await runKrebit(
			{ resource: 'signing', operation: 'uploadDocument', signingId: signing, binaryPropertyName: 'data' },
			[{ json: {}, binary: { data: { data: pdf.toString('base64'), mimeType: 'application/pdf', fileName: 'agreement.pdf' } } }],
		);
		expect(run.error('Krebit')?.message).toMatch(/^Upload "agreement.pdf" to signing .* failed: Krebit answered 200 \(text\/html\)/);
	});

	test("the trigger's create answered 201 text/html: activation fails saying what came back", async () => {
		nock(KREBIT).get('/api/1.0/webhooks').query(true).reply(200, { data: [] }).persist();
		nock(KREBIT).post('/api/1.0/webhooks').reply(201, LOGIN_PAGE, { 'Content-Type': 'text/html' }).persist();
		const t = trigger({ events: ['act.created'] });
		await expect(t.hook('create')).rejects.toThrow(/Krebit answered 201 \(text\/html\) with "<!DOCTYPE html>/);
	});
});

describe('records that are records are still taken, wrapped or bare', () => {
	test.each([
		['{data: {...}}', { data: { id: 42, company_name: 'Bergström Bygg AB' } }],
		['the bare object', { id: 42, company_name: 'Bergström Bygg AB' }],
	])('Client > Get answered with %s', async (_case, body) => {
		nock(KREBIT).get('/api/1.0/clients/42').reply(200, body);
		const run = await runKrebit(getClient);
		expect(run.json('Krebit')).toEqual([{ id: 42, company_name: 'Bergström Bygg AB' }]);
	});

	test('JSON sent as text/html is still JSON: the record', async () => {
		nock(KREBIT).get('/api/1.0/clients/42').reply(200, JSON.stringify({ data: { id: 42 } }), { 'Content-Type': 'text/html' });
		const run = await runKrebit(getClient);
		expect(run.json('Krebit')).toEqual([{ id: 42 }]);
	});

	test('Webhook > Delete answered 204 with no body stays fine', async () => {
		nock(KREBIT).delete('/api/1.0/webhooks/7').reply(204);
		const run = await runKrebit({ resource: 'webhook', operation: 'delete', webhookId: { __rl: true, mode: 'id', value: '7' } });
		expect(run.error('Krebit')).toBeUndefined();
	});
});
