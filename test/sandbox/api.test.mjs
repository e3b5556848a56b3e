// The sandbox's Finance API with the default data (10,000 clients): Laravel pagination under the
// page cap, the seeded records, acts, data points and templates.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { luhnDigit } from '../../sandbox/data/records.mjs';
import { clientToken, startSmallSandbox } from './helpers.mjs';

let sandbox;
let token;
before(async () => {
	sandbox = await startSmallSandbox({ clients: 10_000, acts: 2000, pageCap: 50 });
	token = await clientToken(sandbox);
});
after(() => sandbox.stop());

const get = (path) => sandbox.call({ path: `/api/1.0${path}`, token });

describe('pagination', () => {
	test('10,000 clients at a cap of 50: 200 pages, every id once, oldest first, meta and links right', async () => {
		const seen = [];
		let path = '/clients?limit=100&page=1';
		for (let page = 1; path; page++) {
			const { status, json } = await get(path);
			assert.equal(status, 200);
			const { meta, links, data } = json;
			assert.equal(data.length, 50);
			assert.deepEqual(
				{ current_page: meta.current_page, per_page: meta.per_page, total: meta.total, last_page: meta.last_page, from: meta.from, to: meta.to },
				{ current_page: page, per_page: 50, total: 10_000, last_page: 200, from: (page - 1) * 50 + 1, to: page * 50 },
			);
			assert.equal(meta.path, 'https://demo.krebit.se/api/1.0/clients');
			assert.equal(links.first, 'https://demo.krebit.se/api/1.0/clients?limit=100&page=1');
			assert.equal(links.last, 'https://demo.krebit.se/api/1.0/clients?limit=100&page=200');
			assert.equal(links.prev, page === 1 ? null : `https://demo.krebit.se/api/1.0/clients?limit=100&page=${page - 1}`);
			assert.equal(meta.links.find((link) => link.active).label, String(page));
			seen.push(...data.map((client) => client.id));
			path = links.next === null ? undefined : links.next.slice('https://demo.krebit.se/api/1.0'.length);
			if (page === 200) assert.equal(links.next, null);
		}
		assert.equal(seen.length, 10_000);
		assert.deepEqual(seen, Array.from({ length: 10_000 }, (_, i) => i + 1));
	});

	test('the default page size is 15; a page past the end is empty; a bad limit is a 400 with a field error', async () => {
		const first = (await get('/clients')).json;
		assert.equal(first.data.length, 15);
		assert.equal(first.meta.per_page, 15);
		const past = (await get('/clients?page=999')).json;
		assert.deepEqual(past.data, []);
		assert.equal(past.meta.from, null);
		assert.equal(past.links.next, null);
		const bad = await get('/clients?limit=0');
		assert.equal(bad.status, 400);
		assert.ok(bad.json.errors.limit[0]);
	});
});

describe('clients', () => {
	test('the list has the essential fields only; org numbers are 556xxx-xxxx style with a valid check digit', async () => {
		const { data } = (await get('/clients?limit=50&page=7')).json;
		for (const client of data) {
			assert.deepEqual(Object.keys(client), ['id', 'company_name', 'org_number', 'country', 'updated_at']);
			assert.match(client.org_number, /^(556|559|969|916|769)\d{3}-\d{4}$/);
			const digits = client.org_number.replace('-', '');
			assert.equal(Number(digits[9]), luhnDigit(digits.slice(0, 9)));
			assert.match(client.company_name, / (AB|Handelsbolag|HB|Kommanditbolag|Ekonomisk förening)$/);
		}
	});

	test('one client is the full profile; an unknown id is "Client not found."', async () => {
		const { json } = await get('/clients/42');
		assert.deepEqual(Object.keys(json.data), [
			'id', 'company_name', 'org_number', 'country', 'credit_limit', 'currency', 'rating',
			'contact_name', 'contact_email', 'contact_phone', 'created_at', 'updated_at',
		]);
		assert.equal(json.data.id, 42);
		assert.equal(json.data.currency, 'SEK');
		assert.ok(['A', 'B', 'C'].includes(json.data.rating));
		assert.match(json.data.contact_email, /^[a-z]+\.[a-z]+@[a-z0-9]+\.se$/);
		const missing = await get('/clients/123456');
		assert.equal(missing.status, 404);
		assert.deepEqual(missing.json, { message: 'Client not found.' });
	});

	test('the same seed gives the same clients; another seed other clients', async () => {
		const twin = await startSmallSandbox({ clients: 10_000 });
		const other = await startSmallSandbox({ clients: 10_000, seed: 7 });
		try {
			const ours = (await get('/clients/9999')).json.data;
			const twins = (await twin.call({ path: '/api/1.0/clients/9999', token: await clientToken(twin) })).json.data;
			const others = (await other.call({ path: '/api/1.0/clients/9999', token: await clientToken(other) })).json.data;
			assert.deepEqual(twins, ours);
			assert.notEqual(others.org_number, ours.org_number);
		} finally {
			await Promise.all([twin.stop(), other.stop()]);
		}
	});
});

describe('acts', () => {
	test('newest first, 2,000 of them, filtered by client_id', async () => {
		const { data, meta } = (await get('/acts?limit=50')).json;
		assert.equal(meta.total, 2000);
		assert.deepEqual(Object.keys(data[0]), ['uuid', 'client_id', 'template_id', 'template_name', 'amount', 'currency', 'language', 'created_at', 'updated_at']);
		const times = data.map((act) => act.created_at);
		assert.deepEqual(times, [...times].sort().reverse());

		const clientId = data[0].client_id;
		const forClient = (await get(`/acts?client_id=${clientId}&limit=50`)).json;
		assert.ok(forClient.data.length >= 1);
		assert.ok(forClient.data.every((act) => act.client_id === clientId));
		assert.equal(forClient.links.first, `https://demo.krebit.se/api/1.0/acts?client_id=${clientId}&limit=50&page=1`);
	});

	test('one act, a client\'s latest act, its data points; 404s name the missing thing', async () => {
		const [newest] = (await get('/acts?limit=1')).json.data;
		assert.deepEqual((await get(`/acts/${newest.uuid}`)).json.data, newest);
		assert.deepEqual((await get(`/clients/${newest.client_id}/acts/latest`)).json.data, newest);

		const points = (await get(`/acts/${newest.uuid}/data`)).json.data;
		assert.ok(points.length >= 8);
		for (const point of points) {
			assert.deepEqual(Object.keys(point), ['id', 'template_field_id', 'name', 'type', 'required', 'section_id', 'tab_id', 'order', 'value']);
		}
		const template = (await get(`/templates/${newest.template_id}`)).json.data;
		const fieldIds = template.tabs.flatMap((tab) => tab.sections.flatMap((section) => section.fields.map((field) => field.id)));
		assert.deepEqual(points.map((point) => point.template_field_id), fieldIds);

		assert.deepEqual((await get('/acts/00000000-0000-4000-8000-000000000000')).json, { message: 'Act not found.' });
		assert.deepEqual((await get('/clients/9000/acts/latest')).json, { message: 'Act not found.' });
		assert.equal((await get('/acts/nope/data')).status, 404);
	});
});

describe('templates and the user', () => {
	test('three templates, filtered by name or country; one template has tabs, sections and fields', async () => {
		const all = (await get('/templates')).json.data.map((template) => template.name);
		assert.deepEqual(all, ['Kreditbedömning företag', 'Kreditbedömning enskild firma', 'Credit assessment (EN)']);
		assert.deepEqual((await get('/templates?name=ENSKILD')).json.data.map((t) => t.id), [2]);
		assert.deepEqual((await get('/templates?country=GB')).json.data.map((t) => t.id), [3]);

		const { data } = (await get('/templates/1')).json;
		assert.deepEqual(Object.keys(data), ['id', 'name', 'country', 'language', 'created_at', 'updated_at', 'tabs']);
		const field = data.tabs[0].sections[0].fields[0];
		assert.deepEqual(Object.keys(field), ['id', 'name', 'type', 'required', 'options', 'order']);
		assert.deepEqual((await get('/templates/9')).json, { message: 'Template not found.' });
	});

	test('/me is the signed-in user and the organization', async () => {
		const { data } = (await get('/me')).json;
		assert.deepEqual(Object.keys(data), ['id', 'name', 'email', 'organization']);
		assert.deepEqual(Object.keys(data.organization), ['id', 'name']);
	});
});
