import type { IDataObject, INodeListSearchResult, INodeParameters } from 'n8n-workflow';
import nock from 'nock';

import { Krebit } from '../../../nodes/Krebit/Krebit.node';
import { SEARCH_BUDGET } from '../../../nodes/Krebit/methods/searchRecords';
import { loadOptionsContext } from '../../harness/engine';
import { clients, FakeList } from '../../harness/fake-lists';
import { KREBIT } from '../../harness/krebit-harness';
import { KREBIT_NODE, krebitHarness } from './helpers';

/**
 * Calls a "From List" search the way the editor does: through n8n-core's LoadOptionsContext for
 * the parameter at `path`, the node's own `methods.listSearch[method]`, the filter typed and
 * the token of the previous load.
 */
async function load(
	method: string,
	parameters: INodeParameters,
	path: string,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const harness = krebitHarness();
	const node = harness.node(KREBIT_NODE, parameters);
	const context = loadOptionsContext(harness.nodeTypes, harness.credentials, node, `parameters.${path}`);
	const search = new Krebit().methods.listSearch[method];
	return await search.call(context, filter, paginationToken);
}

const CLIENT_PICKER = ['searchClients', { resource: 'client', operation: 'get' }, 'clientId'] as const;
const pickClients = (filter?: string, token?: string) => load(...CLIENT_PICKER, filter, token);

/** Every load the editor would make, following the tokens, until the list or the budget ends. */
async function loadAll(filter?: string, maxLoads = 1000) {
	const loads: INodeListSearchResult[] = [];
	let token: string | undefined;
	do {
		loads.push(await pickClients(filter, token));
		token = loads[loads.length - 1].paginationToken;
	} while (token && loads.length < maxLoads);
	return loads;
}

/** A 120-page search makes 120 requests through n8n-core: room for a busy machine, not a timing check. */
const FULL_SEARCH_TIMEOUT = 120_000;

const orgNumber = (n: number) => String(clients(n)[n - 1].org_number);

describe('Client picker against a Krebit that caps pages at 50 (10,000 clients)', () => {
	const tenThousand = clients(10_000);

	test('the first two loads give 100 distinct clients, whatever page size was asked', async () => {
		const server = new FakeList('/clients', tenThousand, { meta: true, cap: 50 });
		const first = await pickClients();
		const second = await pickClients(undefined, first.paginationToken);

		const values = [...first.results, ...second.results].map((r) => r.value);
		expect(values).toHaveLength(100);
		expect(new Set(values).size).toBe(100);
		expect(values).toEqual(Array.from({ length: 100 }, (_, i) => String(i + 1)));
		expect(first.results[0]).toEqual({
			name: 'Bergström Bygg AB 1 (5506000000)',
			value: '1',
			url: `${KREBIT}/clients/1`,
		});
		expect(second.paginationToken).toBeDefined();
		// One request per load: 100 asked, 50 granted, page 2 asked next.
		expect(server.requests.map((r) => [r.page, r.limit])).toEqual([
			[1, 100],
			[2, 100],
		]);
	});

	test('without meta or links too: 50 per load, and the last load ends the list', async () => {
		const server = new FakeList('/clients', clients(120), { cap: 50 });
		const loads = await loadAll();
		expect(loads.map((l) => l.results.length)).toEqual([50, 50, 20]);
		expect(new Set(loads.flatMap((l) => l.results.map((r) => r.value))).size).toBe(120);
		expect(loads[2].paginationToken).toBeUndefined();
		expect(server.requests).toHaveLength(3);
	});

	test.each([
		['as Krebit stores it', orgNumber(5000)],
		['with a hyphen and spaces around', ` ${orgNumber(5000).slice(0, 6)}-${orgNumber(5000).slice(6)}  `],
	])('a search by the org number of client 5,000 (%s) finds it in the first load', async (_how, typed) => {
		const server = new FakeList('/clients', tenThousand, { meta: true, cap: 50 });
		const first = await pickClients(typed);
		expect(first.results).toEqual([
			{ name: `Lindqvist Logistik AB 5000 (${orgNumber(5000)})`, value: '5000', url: `${KREBIT}/clients/5000` },
		]);
		// First Krebit's org-number lookup, which this Krebit ignores (it answers with page 1 of all).
		expect(server.requests.filter((r) => r.query.org_number !== undefined)).toHaveLength(1);
		// Then the list: client 5,000 is on page 100. One search load reads at most 120 pages.
		const listReads = server.requests.filter((r) => r.query.org_number === undefined);
		expect(listReads).toHaveLength(SEARCH_BUDGET.pagesPerSearch);
		expect(listReads.map((r) => r.page)).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
		// The next load goes on after the 6,000 clients looked at (120 pages of 50).
		expect(first.paginationToken).toBe('6000');
	}, FULL_SEARCH_TIMEOUT);

	test('a search reads page 1 alone, then 6 pages at a time, never more at once', async () => {
		// Krebit here answers only when the whole expected batch is waiting. The search waits for
		// a whole batch before the next, so reading any other number of pages at once never ends.
		const batches = [1, ...Array<number>(19).fill(SEARCH_BUDGET.parallel), 5];
		expect(batches.reduce((a, b) => a + b)).toBe(SEARCH_BUDGET.pagesPerSearch);
		const waiting: Array<{ page: number; answer: (error: null, reply: [number, IDataObject]) => void }> = [];
		let mostWaiting = 0;
		nock(KREBIT)
			.get('/api/1.0/clients')
			.query(true)
			.reply((uri, _body, answer) => {
				const page = Number(new URL(uri, KREBIT).searchParams.get('page'));
				waiting.push({ page, answer });
				mostWaiting = Math.max(mostWaiting, waiting.length);
				if (waiting.length < batches[0]) return;
				batches.shift();
				for (const request of waiting.splice(0)) {
					const data = tenThousand.slice((request.page - 1) * 50, request.page * 50);
					request.answer(null, [200, { data, meta: { current_page: request.page, last_page: 200, per_page: 50, total: 10_000 } }]);
				}
			})
			.persist();

		// One match (client 5,000, on page 100): the search reads its whole budget.
		const found = await pickClients('Lindqvist Logistik AB 5000');

		expect(found.results.map((r) => r.value)).toEqual(['5000']);
		expect(batches).toEqual([]);
		expect(mostWaiting).toBe(SEARCH_BUDGET.parallel);
	}, FULL_SEARCH_TIMEOUT);

	test('a search by name stops once it has enough to scroll, and the next load goes on from there', async () => {
		const server = new FakeList('/clients', tenThousand, { meta: true, cap: 50 });
		const first = await pickClients('NORD');
		// Page 1 alone, then pages 2-7 together: 350 clients, every sixth a "Nordin Data".
		expect(server.requests).toHaveLength(7);
		expect(first.results.length).toBeGreaterThanOrEqual(SEARCH_BUDGET.enoughMatches);
		expect(first.results.every((r) => String(r.name).startsWith('Nordin Data AB'))).toBe(true);
		const second = await pickClients('NORD', first.paginationToken);
		// The second load goes on through the 350 clients already read: 20 more there, nothing sent.
		expect(server.requests).toHaveLength(7);
		expect(second.results).toHaveLength(SEARCH_BUDGET.enoughMatches);
		const values = [...first.results, ...second.results].map((r) => Number(r.value));
		expect(values).toEqual(Array.from({ length: values.length }, (_, i) => 4 + 6 * i));
	});

	test('a search that matches nothing stops after its budget of 120 pages', async () => {
		const server = new FakeList('/clients', tenThousand, { meta: true, cap: 50 });
		const result = await pickClients('no such company');
		expect(result.results).toEqual([]);
		expect(server.requests).toHaveLength(120);
	}, FULL_SEARCH_TIMEOUT);
});

describe('Client picker on smaller lists', () => {
	test('"Nord" finds every Nordin client of 459, 20 per load, reading each page once', async () => {
		const all = clients(459);
		const server = new FakeList('/clients', all, { meta: true, cap: 50 });
		const loads = await loadAll('Nord');
		const found = loads.flatMap((l) => l.results.map((r) => r.value));
		const nordin = all.filter((c) => String(c.company_name).startsWith('Nordin')).map((c) => String(c.id));
		expect(nordin).toHaveLength(76);
		expect(loads.map((l) => l.results.length)).toEqual([20, 20, 20, 16]);
		expect(found).toEqual(nordin);
		// Ten pages in all, none read twice.
		expect(server.requests.map((r) => r.page)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
	});

	test('search is case-insensitive, on name and org number, and takes an exact ID', async () => {
		new FakeList('/clients', clients(30), { meta: true });
		expect((await pickClients('åkesson')).results.map((r) => r.value)).toEqual(['3', '9', '15', '21', '27']);
		expect((await pickClients('ÅKESSON & SÖNER AB 9')).results.map((r) => r.value)).toEqual(['9']);
		expect((await pickClients('5506000011')).results).toEqual([
			{ name: 'Ekman Elteknik AB 12 (5506000011)', value: '12', url: `${KREBIT}/clients/12` },
		]);
		// "12" is in client 12's name and in client 13's org number 5506000012.
		expect((await pickClients('12')).results.map((r) => r.value)).toEqual(['12', '13']);
	});

	test('an exact ID finds its client even where neither name nor org number holds it', async () => {
		new FakeList('/clients', [{ id: 901, company_name: 'Alfa AB', org_number: '5560000001' }, ...clients(5)]);
		expect((await pickClients('901')).results.map((r) => r.value)).toEqual(['901']);
	});

	test('a Krebit list that ignores "page" ends the picker instead of repeating itself', async () => {
		const everything = { data: clients(40) };
		nock(KREBIT).get('/api/1.0/clients').query(true).times(2).reply(200, everything);
		const first = await pickClients();
		expect(first.results).toHaveLength(40);
		const second = await pickClients(undefined, first.paginationToken);
		expect(second).toEqual({ results: [], paginationToken: undefined });
	});

	test('an error from Krebit reaches the editor with its reason', async () => {
		nock(KREBIT).get('/api/1.0/clients').query(true).reply(403, { message: 'This action is unauthorized.' });
		await expect(pickClients()).rejects.toThrow(/403|unauthorized/i);
	});
});

describe('the other pickers', () => {
	const act = (n: number): IDataObject => ({
		uuid: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
		client_id: 40 + n,
		template_name: n % 2 ? 'Standard credit check' : 'Large credit',
		amount: 250000,
		currency: 'SEK',
		created_at: `2026-11-0${n}T10:00:00Z`,
	});

	test('acts: named by template, client and date, valued by UUID, linked to their Krebit page', async () => {
		new FakeList('/acts', [act(1), act(2), act(3)], { meta: true });
		const result = await load('searchActs', { resource: 'act', operation: 'get' }, 'actId');
		expect(result.results[0]).toEqual({
			name: 'Standard credit check · client 41 · 2026-11-01',
			value: act(1).uuid,
			url: `${KREBIT}/acts/${String(act(1).uuid)}`,
		});
		const search = await load('searchActs', { resource: 'act', operation: 'getDataPoints' }, 'actId', 'large');
		expect(search.results.map((r) => r.value)).toEqual([act(2).uuid]);
	});

	test('signings, templates and webhooks', async () => {
		new FakeList('/signings', [{ id: 'sig-1', name: 'Kreditavtal Bergström', status: 'draft' }], { meta: true });
		new FakeList('/templates', [{ id: 3, name: 'Standard credit check', country: 'SE' }]);
		new FakeList('/webhooks', [{ id: 17, event: 'act.created', target: 'https://example.com/hook', secret: 'whsec-hidden' }]);

		const signings = await load('searchSignings', { resource: 'signing', operation: 'uploadDocument' }, 'signingId');
		expect(signings.results).toEqual([{ name: 'Kreditavtal Bergström · draft', value: 'sig-1', url: `${KREBIT}/signings/sig-1` }]);

		const templates = await load('searchTemplates', { resource: 'template', operation: 'get' }, 'templateId', 'se');
		expect(templates.results).toEqual([{ name: 'Standard credit check · SE', value: '3', url: `${KREBIT}/templates/3` }]);

		const webhooks = await load('searchWebhooks', { resource: 'webhook', operation: 'delete' }, 'webhookId');
		// Webhooks have no page in Krebit, so no link; and no secret anywhere.
		expect(webhooks.results).toEqual([{ name: 'act.created → https://example.com/hook', value: '17' }]);
		expect(JSON.stringify(webhooks)).not.toContain('whsec-hidden');
	});
});
