// Krebit Finance lookups and writes: clients by org number, one data point (PATCH) and several
// (PUT), checked against the act's template (400 with field errors).
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { useSmallSandbox } from './helpers.mjs';

const krebit = useSmallSandbox();
const { api } = krebit;

describe('clients by org number', () => {
	test('the filter matches with or without "-" and spaces, and only that client', async () => {
		const client = (await api('GET', '/clients/150')).json.data;
		const compact = client.org_number.replace(/-/g, '');
		for (const form of [client.org_number, compact, `${compact.slice(0, 6)} ${compact.slice(6)}`]) {
			const answer = (await api('GET', `/clients?org_number=${encodeURIComponent(form)}`)).json;
			assert.deepEqual(answer.data.map((each) => each.id), [150], form);
			assert.equal(answer.meta.total, 1);
		}
		assert.equal((await api('GET', '/clients?org_number=000000-0000')).json.meta.total, 0);
		assert.equal((await api('GET', '/clients?org_number=')).json.meta.total, 200);
	});
});

describe('data point updates', () => {
	let act;
	let points;
	before(async () => {
		// "Kreditbedömning företag" has every field type.
		act = (await api('GET', '/acts?limit=50')).json.data.find((each) => each.template_id === 1);
		points = (await api('GET', `/acts/${act.uuid}/data`)).json.data;
	});
	const byType = (type) => points.find((point) => point.type === type);

	test('PATCH one data point: 200 with it; the next read shows the value', async () => {
		const point = byType('currency');
		const answer = await api('PATCH', `/acts/${act.uuid}/data/${point.id}`, { json: { value: 1_234_000 } });
		assert.equal(answer.status, 200);
		assert.deepEqual(answer.json.data, { ...point, value: 1_234_000 });
		const again = (await api('GET', `/acts/${act.uuid}/data`)).json.data.find((each) => each.id === point.id);
		assert.equal(again.value, 1_234_000);
	});

	test('PATCH with a wrong type is 400 with a value error; an unknown point is 404', async () => {
		const bad = await api('PATCH', `/acts/${act.uuid}/data/${byType('currency').id}`, { json: { value: 'a lot' } });
		assert.equal(bad.status, 400);
		assert.match(bad.json.errors.value[0], /must be a number/);
		assert.equal((await api('PATCH', `/acts/${act.uuid}/data/999999`, { json: { value: 1 } })).status, 404);
	});

	test('PUT several: all or none; each bad value is a field error under data.<n>.value', async () => {
		const select = byType('select');
		const boolean = byType('boolean');
		const good = await api('PUT', `/acts/${act.uuid}/data`, { json: { data: [{ id: boolean.id, value: false }, { id: byType('number').id, value: 7 }] } });
		assert.equal(good.status, 200);
		assert.deepEqual(Object.fromEntries(good.json.data.map((point) => [point.id, point.value])), { [boolean.id]: false, [byType('number').id]: 7 });
		const bad = await api('PUT', `/acts/${act.uuid}/data`, {
			json: { data: [{ id: boolean.id, value: true }, { id: select.id, value: 'Not an option' }, { id: byType('date').id, value: '1 May' }, { id: 424242, value: 1 }] },
		});
		assert.equal(bad.status, 400);
		assert.deepEqual(Object.keys(bad.json.errors).sort(), ['data.1.value', 'data.2.value', 'data.3.id']);
		const after = (await api('GET', `/acts/${act.uuid}/data`)).json.data.find((each) => each.id === boolean.id);
		assert.equal(after.value, false, 'nothing was written');
		const required = points.find((point) => point.required);
		const empty = await api('PUT', `/acts/${act.uuid}/data`, { json: { data: [{ id: required.id, value: null }] } });
		assert.match(empty.json.errors['data.0.value'][0], /required/);
	});
});
