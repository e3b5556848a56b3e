import nock from 'nock';

import { Krebit } from '../../../nodes/Krebit/Krebit.node';
import { loadOptionsContext } from '../../harness/engine';
import { clients } from '../../harness/fake-lists';
import { fixture } from '../../harness/fixtures';
import { CLIENT_SECRET, KREBIT } from '../../harness/krebit-harness';
import { FakeTokenServer } from '../../harness/token-server';
import { KREBIT_NODE, krebitHarness, runKrebit, visibleText } from '../Krebit/helpers';
import { poller } from '../KrebitPollingTrigger/helpers';
import { delivery, signed, trigger } from '../KrebitTrigger/helpers';
import { OtherOrigin } from './other-origin';

afterAll(() => nock.restore());

const getCurrentUser = { resource: 'user', operation: 'getCurrent' };
const createDraft = { resource: 'signing', operation: 'create', name: 'Kreditavtal' };
/** A query that might carry a secret: it must never appear in an error. */
const SECRET_QUERY = '?session=s3cr3t-session';

/** Nothing a user can read of `error` names the path or query, or any token or secret. */
function expectNamesOnly(error: unknown, origin: string) {
	const text = visibleText(error);
	expect(text).toContain(origin);
	for (const hidden of ['/steal', 's3cr3t-session', 'access-1', 'refresh-1', CLIENT_SECRET]) {
		expect(text).not.toContain(hidden);
	}
}

describe('a redirect away from the tenant is refused, and nothing is sent there', () => {
	test('302 on GET /me to another host: an error naming the host; the host gets no request', async () => {
		const collector = new OtherOrigin('https://collector.example.net');
		nock(KREBIT).get('/api/1.0/me').reply(302, '', { Location: `https://collector.example.net/steal${SECRET_QUERY}`, request_id: 'req-302' });

		const run = await runKrebit(getCurrentUser);

		expect(collector.received).toEqual([]);
		const error = run.error('Krebit');
		expect(error?.message).toBe(
			'Get the current user failed: Krebit redirected it to https://collector.example.net, which is not your Krebit organization',
		);
		expect(error?.description).toContain('Nothing was sent there');
		expect(error?.description).toContain('Krebit request ID: req-302');
		expectNamesOnly(error, 'https://collector.example.net');
	});

	test.each([
		['another host', 'https://other.krebit.se'],
		['another port', 'https://acme.krebit.se:8443'],
		['plain http', 'http://acme.krebit.se'],
	])('307 on POST /signings to %s: refused, no token and no body sent there', async (_case, origin) => {
		const elsewhere = new OtherOrigin(origin);
		nock(KREBIT).post('/api/1.0/signings').reply(307, '', { Location: `${origin}/steal${SECRET_QUERY}` });

		const run = await runKrebit(createDraft);

		expect(elsewhere.received).toEqual([]);
		const error = run.error('Krebit');
		expect(error?.message).toBe(`Create a draft signing failed: Krebit redirected it to ${origin}, which is not your Krebit organization`);
		expectNamesOnly(error, origin);
	});

	test('a relative Location that leaves the tenant (//host/…) is refused too', async () => {
		const collector = new OtherOrigin('https://collector.example.net');
		nock(KREBIT).get('/api/1.0/me').reply(301, '', { Location: '//collector.example.net/steal' });
		const run = await runKrebit(getCurrentUser);
		expect(collector.received).toEqual([]);
		expect(run.error('Krebit')?.message).toContain('redirected it to https://collector.example.net');
	});

	test('Get Many in parallel: page 2 redirects elsewhere; the run fails and the other host gets nothing', async () => {
		const collector = new OtherOrigin('https://collector.example.net');
		const all = clients(300);
		nock(KREBIT)
			.get('/api/1.0/clients')
			.query(true)
			.reply((uri) => {
				const page = Number(new URL(uri, KREBIT).searchParams.get('page'));
				if (page === 2) return [302, '', { Location: `https://collector.example.net/steal${SECRET_QUERY}` }];
				const meta = { current_page: page, last_page: 3, per_page: 100, total: 300 };
				return [200, { data: all.slice((page - 1) * 100, page * 100), meta }];
			})
			.persist();

		const run = await runKrebit({ resource: 'client', operation: 'getAll', returnAll: true, simplify: false });

		expect(collector.received).toEqual([]);
		expect(run.error('Krebit')?.message).toContain('Krebit redirected it to https://collector.example.net');
		expectNamesOnly(run.error('Krebit'), 'https://collector.example.net');
	});

	test('a picker search ("From List") that meets a redirect elsewhere fails with the named error', async () => {
		const collector = new OtherOrigin('https://collector.example.net');
		nock(KREBIT).get('/api/1.0/clients').query(true).reply(302, '', { Location: 'https://collector.example.net/steal' }).persist();
		const harness = krebitHarness();
		const node = harness.node(KREBIT_NODE, { resource: 'client', operation: 'get' });
		const context = loadOptionsContext(harness.nodeTypes, harness.credentials, node, 'parameters.clientId');

		await expect(new Krebit().methods.listSearch.searchClients.call(context, 'Bergström')).rejects.toThrow(
			/redirected it to https:\/\/collector\.example\.net/,
		);
		expect(collector.received).toEqual([]);
	});

	test("the trigger's create: a 307 on POST /webhooks to another host fails the activation; the host gets nothing", async () => {
		const collector = new OtherOrigin('https://collector.example.net');
		nock(KREBIT).get('/api/1.0/webhooks').query(true).reply(200, { data: [] }).persist();
		nock(KREBIT).post('/api/1.0/webhooks').reply(307, '', { Location: 'https://collector.example.net/steal' }).persist();
		const t = trigger({ events: ['act.created'] });

		await expect(t.hook('create')).rejects.toThrow(/redirected it to https:\/\/collector\.example\.net/);
		expect(collector.received).toEqual([]);
	});

	test.each([
		['its list (GET /webhooks) answers 302', 'list'],
		['its create (POST /webhooks) answers 307', 'create'],
	])("the trigger's repair after a refused delivery, when %s: nothing goes elsewhere, the delivery is refused, the log names the host", async (_case, where) => {
		const collector = new OtherOrigin('https://collector.example.net');
		const away = { Location: 'https://collector.example.net/steal' };
		if (where === 'list') {
			nock(KREBIT).get('/api/1.0/webhooks').query(true).reply(302, '', away).persist();
		} else {
			nock(KREBIT).get('/api/1.0/webhooks').query(true).reply(200, { data: [] }).persist();
			nock(KREBIT).post('/api/1.0/webhooks').reply(307, '', away).persist();
		}
		const t = trigger({ events: ['act.created'] });
		const warn = jest.spyOn(t.n8nLogger(), 'warn');
		const body = delivery('redirected-repair-1');

		const answer = await t.deliver(body, signed('some-old-secret', body));

		expect(answer.status).toBe(401);
		expect(answer.started).toBeUndefined();
		expect(collector.received).toEqual([]);
		expect(warn.mock.calls.map(([line]) => String(line)).join('\n')).toContain('redirected it to https://collector.example.net');
		warn.mockRestore();
	});

	test('the polling trigger: a 302 on GET /acts to another host fails the poll; the host gets nothing', async () => {
		const collector = new OtherOrigin('https://collector.example.net');
		nock(KREBIT).get('/api/1.0/acts').query(true).reply(302, '', { Location: 'https://collector.example.net/steal' }).persist();
		const polling = poller({ event: 'newAct' });

		const outcome = await polling.activate().catch((error: Error) => ({ error }));

		expect(collector.received).toEqual([]);
		expect(outcome.error?.message).toContain('redirected it to https://collector.example.net');
	});

	test('Upload Document: a 308 to another host is refused before any byte of the PDF goes there', async () => {
		const collector = new OtherOrigin('https://collector.example.net');
		const signing = '0f6c3e8a-2b1d-4c5e-8f7a-9b0c1d2e3f40';
		nock(KREBIT).post(`/api/1.0/signings/${signing}/documents`).reply(308, '', { Location: 'https://collector.example.net/steal' });
		const pdf = fixture('agreement.pdf');
		const run = await runKrebit(
			{ resource: 'signing', operation: 'uploadDocument', signingId: signing, binaryPropertyName: 'data' },
			[{ json: {}, binary: { data: { data: pdf.toString('base64'), mimeType: 'application/pdf', fileName: 'agreement.pdf' } } }],
		);
		expect(collector.received).toEqual([]);
		expect(run.error('Krebit')?.message).toContain('redirected it to https://collector.example.net');
	});
});

test('a redirect elsewhere on the request sent again after a token refresh is refused as well', async () => {
	const tokens = new FakeTokenServer('/api/oauth/token');
	const collector = new OtherOrigin('https://collector.example.net');
	nock(KREBIT).get('/api/1.0/me').matchHeader('authorization', 'Bearer access-1').times(2).reply(401, { message: 'Unauthenticated.' });
	nock(KREBIT).get('/api/1.0/me').matchHeader('authorization', 'Bearer access-2').reply(302, '', { Location: 'https://collector.example.net/steal' });

	const run = await runKrebit(getCurrentUser);

	expect(tokens.requests).toHaveLength(1);
	expect(collector.received).toEqual([]);
	expect(run.error('Krebit')?.message).toContain('Krebit redirected it to https://collector.example.net');
	expectNamesOnly(run.error('Krebit'), 'https://collector.example.net');
});

describe('a redirect within the tenant is followed, a few times at most', () => {
	test('301 from /clients/42 to /api/1.0/clients/42/profile: the client, with the token still sent only to the tenant', async () => {
		nock(KREBIT).get('/api/1.0/clients/42').reply(301, '', { Location: '/api/1.0/clients/42/profile' });
		nock(KREBIT).get('/api/1.0/clients/42/profile').matchHeader('authorization', 'Bearer access-1').reply(200, { data: { id: 42, company_name: 'Bergström Bygg AB' } });
		const run = await runKrebit({ resource: 'client', operation: 'get', clientId: { __rl: true, mode: 'id', value: '42' } });
		expect(run.error('Krebit')).toBeUndefined();
		expect(run.json('Krebit')).toEqual([{ id: 42, company_name: 'Bergström Bygg AB' }]);
	});

	test('307 on POST /signings within the tenant re-sends the same body there', async () => {
		nock(KREBIT).post('/api/1.0/signings').reply(307, '', { Location: `${KREBIT}/api/1.0/signings/new` });
		const target = nock(KREBIT)
			.post('/api/1.0/signings/new', (body) => body.name === 'Kreditavtal')
			.reply(201, { data: { id: 'sig-1', name: 'Kreditavtal', status: 'draft' } });
		const run = await runKrebit(createDraft);
		target.done();
		expect(run.json('Krebit')).toEqual([{ id: 'sig-1', name: 'Kreditavtal', status: 'draft' }]);
	});

	test('a redirect loop within the tenant stops after 5 redirects with an error', async () => {
		let requests = 0;
		nock(KREBIT)
			.get('/api/1.0/me')
			.reply(() => {
				requests++;
				return [302, '', { Location: '/api/1.0/me' }];
			})
			.persist();
		const run = await runKrebit(getCurrentUser);
		expect(run.error('Krebit')?.message).toBe('Get the current user failed: Krebit redirected it more than 5 times');
		expect(requests).toBe(6);
	});
});
