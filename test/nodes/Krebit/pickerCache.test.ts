import type { ICredentialDataDecryptedObject, INodeListSearchResult } from 'n8n-workflow';
import nock from 'nock';

import { Krebit } from '../../../nodes/Krebit/Krebit.node';
import { cachedListCount, RECORD_CACHE } from '../../../nodes/Krebit/methods/recordCache';
import { loadOptionsContext } from '../../harness/engine';
import { clients, FakeList } from '../../harness/fake-lists';
import { authorizationCodeCredential } from '../../harness/krebit-harness';
import { KREBIT_NODE, krebitHarness } from './helpers';

/** One Client picker search as the editor sends it, with this credential (stored under `credentialId`). */
async function searchClients(
	filter: string | undefined,
	credential: { id?: string; data?: ICredentialDataDecryptedObject } = {},
	token?: string,
): Promise<INodeListSearchResult> {
	const harness = krebitHarness();
	const node = harness.node(KREBIT_NODE, { resource: 'client', operation: 'get' });
	if (credential.id) {
		harness.credentials.store(credential.id, 'krebitOAuth2Api', credential.data ?? authorizationCodeCredential());
		node.credentials = { krebitOAuth2Api: { id: credential.id, name: credential.id } };
	}
	const context = loadOptionsContext(harness.nodeTypes, harness.credentials, node, 'parameters.clientId');
	return await new Krebit().methods.listSearch.searchClients.call(context, filter, token);
}

const tenThousand = clients(10_000);
const client5000 = tenThousand[4999];
const BY_NAME = String(client5000.company_name);
const BY_ORG_NUMBER = String(client5000.org_number);
const FOUND = [{ name: `${BY_NAME} (${BY_ORG_NUMBER})`, value: '5000', url: 'https://acme.krebit.se/clients/5000' }];
const FULL_SEARCH_TIMEOUT = 120_000;

let now = Date.parse('2026-12-02T10:00:00Z');
beforeEach(() => {
	now = Date.parse('2026-12-02T10:00:00Z');
	jest.spyOn(Date, 'now').mockImplementation(() => now);
});
afterEach(() => jest.restoreAllMocks());

describe('Client picker cache: client 5,000 of 10,000 (pages of 50)', () => {
	test.each([
		['by name', BY_NAME, BY_ORG_NUMBER, 120],
		// One org-number lookup, which this Krebit answers with the whole list (it ignores the filter).
		['by org number', BY_ORG_NUMBER, BY_NAME, 1 + 120],
		// Searched by name first, the client is in the cache: the org number then asks nothing.
	])('searched %s: the first search reads 120 pages, a repeated one and the other way send nothing', async (_how, first, other, requests) => {
		const server = new FakeList('/clients', tenThousand, { meta: true, cap: 50 });
		expect((await searchClients(first)).results).toEqual(FOUND);
		// Page 100 holds client 5,000; one search looks at up to 120 pages (6,000 clients).
		expect(server.requests).toHaveLength(requests);

		now += 60_000;
		expect((await searchClients(first)).results).toEqual(FOUND);
		expect((await searchClients(other)).results).toEqual(FOUND);
		expect(server.requests).toHaveLength(requests);
	}, FULL_SEARCH_TIMEOUT);
});

describe('Client picker: a whole org number asks Krebit\'s org-number lookup', () => {
	const dashed = `${BY_ORG_NUMBER.slice(0, 6)}-${BY_ORG_NUMBER.slice(6)}`;

	test.each([
		['compact', BY_ORG_NUMBER],
		['dashed', dashed],
		['with a space', `${BY_ORG_NUMBER.slice(0, 6)} ${BY_ORG_NUMBER.slice(6)}`],
	])('written %s: client 5,000 of 10,000 in one request; repeated, none', async (_how, typed) => {
		const server = new FakeList('/clients', tenThousand, { meta: true, cap: 50, filterBy: ['org_number'] });
		expect((await searchClients(typed)).results).toEqual(FOUND);
		expect(server.requests.map((r) => r.query.org_number)).toEqual([typed.replace(/\s+/g, '')]);

		now += 60_000;
		expect((await searchClients(typed)).results).toEqual(FOUND);
		expect(server.requests).toHaveLength(1);
	});

	test('an org number no client has: no result, each written form asked once, then nothing for 10 minutes', async () => {
		const server = new FakeList('/clients', tenThousand, { meta: true, cap: 50, filterBy: ['org_number'] });
		expect((await searchClients('559999-9999')).results).toEqual([]);
		expect(server.requests.map((r) => r.query.org_number)).toEqual(['559999-9999', '5599999999']);
		expect((await searchClients('5599999999')).results).toEqual([]);
		expect(server.requests).toHaveLength(2);
		now += 10 * 60_000;
		await searchClients('5599999999');
		expect(server.requests).toHaveLength(4);
	});

	test('a Krebit that ignores the filter is asked once; later org-number searches read the list at once', async () => {
		const server = new FakeList('/clients', clients(120), { meta: true, cap: 50 });
		const first = clients(120)[10];
		const second = clients(120)[100];
		expect((await searchClients(String(first.org_number))).results.map((r) => r.value)).toEqual(['11']);
		const lookups = () => server.requests.filter((r) => r.query.org_number !== undefined).length;
		expect(lookups()).toBe(1);
		expect((await searchClients(String(second.org_number))).results.map((r) => r.value)).toEqual(['101']);
		expect(lookups()).toBe(1);
	});

	test('part of an org number searches the list as before (no lookup)', async () => {
		const server = new FakeList('/clients', clients(120), { meta: true, cap: 50, filterBy: ['org_number'] });
		const whole = String(clients(120)[11].org_number);
		expect((await searchClients(whole)).results.map((r) => r.value)).toEqual(['12']);
		expect((await searchClients(whole.slice(0, 9))).results.map((r) => r.value)).toContain('12');
		expect(server.requests.filter((r) => r.query.org_number !== undefined)).toHaveLength(1);
	});

	test("one credential's lookup never answers another's", async () => {
		const server = new FakeList('/clients', tenThousand, { meta: true, cap: 50, filterBy: ['org_number'] });
		await searchClients(BY_ORG_NUMBER, { id: 'cred-a' });
		await searchClients(BY_ORG_NUMBER, { id: 'cred-b' });
		expect(server.requests).toHaveLength(2);
	});
});

describe('Client picker cache', () => {
	test('answers for 10 minutes, then reads Krebit again', async () => {
		const server = new FakeList('/clients', clients(120), { meta: true, cap: 50 });
		await searchClients('Nordin');
		expect(server.requests).toHaveLength(3);

		now += RECORD_CACHE.maxAgeMs - 1;
		await searchClients('Nordin');
		expect(server.requests).toHaveLength(3);

		now += 1;
		const again = await searchClients('Nordin');
		expect(again.results.map((r) => r.value)).toEqual(['4', '10', '16', '22', '28', '34', '40', '46', '52', '58', '64', '70', '76', '82', '88', '94', '100', '106', '112', '118']);
		expect(server.requests).toHaveLength(6);
	});

	test('a new client shows once the cache has expired, not before', async () => {
		const records = clients(10);
		new FakeList('/clients', records, { meta: true });
		expect((await searchClients('Nyföretag')).results).toEqual([]);
		records.push({ id: 11, company_name: 'Nyföretag AB', org_number: '5599999999' });
		expect((await searchClients('Nyföretag')).results).toEqual([]);
		now += RECORD_CACHE.maxAgeMs;
		expect((await searchClients('Nyföretag')).results.map((r) => r.value)).toEqual(['11']);
	});

	test("never answers one credential's search with another credential's or tenant's records", async () => {
		const acme = new FakeList('/clients', [{ id: 1, company_name: 'Acme Kund AB', org_number: '5560000001' }], { meta: true });
		const other = nock('https://beta.krebit.se')
			.get('/api/1.0/clients')
			.query(true)
			.reply(200, { data: [{ id: 2, company_name: 'Beta Kund AB', org_number: '5560000002' }], meta: { current_page: 1, last_page: 1, per_page: 100, total: 1 } })
			.persist();

		expect((await searchClients('Kund')).results.map((r) => r.name)).toEqual(['Acme Kund AB (5560000001)']);
		// The same tenant through another stored credential reads for itself.
		expect((await searchClients('Kund', { id: 'second-credential' })).results.map((r) => r.name)).toEqual(['Acme Kund AB (5560000001)']);
		expect(acme.requests).toHaveLength(2);
		// Another tenant, even under the first credential's id (edited), never sees Acme's clients.
		const beta = { id: 'krebit-credential-1', data: authorizationCodeCredential({ organization: 'beta' }) };
		expect((await searchClients('Kund', beta)).results.map((r) => r.name)).toEqual(['Beta Kund AB (5560000002)']);
		// Another OAuth client on the same tenant and credential id reads again too.
		const otherClient = { id: 'krebit-credential-1', data: authorizationCodeCredential({ clientId: 'another-app' }) };
		await searchClients('Kund', otherClient);
		expect(acme.requests).toHaveLength(3);
		expect(other.isDone()).toBe(true);
	});

	test('holds at most maxLists lists and maxRecordsPerList records each', async () => {
		const records = clients(300);
		new FakeList('/clients', records, { meta: true, cap: 50 });
		for (let i = 0; i < RECORD_CACHE.maxLists + 5; i++) await searchClients('AB 1', { id: `credential-${i}` });
		expect(cachedListCount()).toBe(RECORD_CACHE.maxLists);

		const kept = RECORD_CACHE.maxRecordsPerList;
		RECORD_CACHE.maxRecordsPerList = 120;
		try {
			const server = new FakeList('/clients', records, { meta: true, cap: 50 });
			const found = await searchClients('Nordin', { id: 'bounded' });
			// 120 kept of the 150 read; the search ends there instead of growing the list.
			expect(found.results).toHaveLength(20);
			const next = await searchClients('Nordin', { id: 'bounded' }, found.paginationToken);
			expect(next.results.map((r) => r.value)).toEqual([]);
			expect(next.paginationToken).toBeUndefined();
			expect(server.requests.length).toBeLessThanOrEqual(3 + 1);
		} finally {
			RECORD_CACHE.maxRecordsPerList = kept;
		}
	});
});
