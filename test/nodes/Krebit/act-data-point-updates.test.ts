import type { NodeParameterValueType } from 'n8n-workflow';
import nock from 'nock';

import { checkValue } from '../../../nodes/Krebit/actions/act/dataPointValues';
import { KREBIT } from '../../harness/krebit-harness';
import { runKrebit } from './helpers';

const ACT = '9b2f4c1e-5d7a-4e8b-9c3d-1a2b3c4d5e6f';
const DATA = `/api/1.0/acts/${ACT}/data`;
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const POINTS = [
	{ id: 101, template_field_id: 1001, name: 'Omsättning', type: 'currency', required: true, value: 1000 },
	{ id: 102, template_field_id: 1002, name: 'Riskklass', type: 'select', required: true, value: 'A' },
	{ id: 103, template_field_id: 1003, name: 'Godkänd', type: 'boolean', required: true, value: true },
	{ id: 104, template_field_id: 1004, name: 'Beslutsdatum', type: 'date', required: true, value: '2026-01-01' },
	{ id: 105, template_field_id: 1005, name: 'Kommentar', type: 'textarea', required: false, value: null },
];
const TEMPLATE = { id: 1, tabs: [{ sections: [{ fields: [{ id: 1002, name: 'Riskklass', type: 'select', options: ['A', 'B', 'C'] }] }] }] };

const single = (dataPointId: string, value: NodeParameterValueType, extra = {}) => ({
	resource: 'act',
	operation: 'updateDataPoint',
	actId: byId(ACT),
	dataPointId: byId(dataPointId),
	value,
	...extra,
});

describe('Act > Update Data Point', () => {
	test('checks the value against the data point, converts it, and PATCHes it', async () => {
		nock(KREBIT).get(DATA).reply(200, { data: POINTS });
		const scope = nock(KREBIT).patch(`${DATA}/101`, { value: 1200000 }).reply(200, { data: { ...POINTS[0], value: 1200000 } });
		const run = await runKrebit(single('101', '1 200 000'));
		scope.done();
		expect(run.json('Krebit')).toEqual([{ ...POINTS[0], value: 1200000 }]);
	});

	test('a choice is checked against the template (act, then template)', async () => {
		nock(KREBIT).get(DATA).times(2).reply(200, { data: POINTS });
		nock(KREBIT).get(`/api/1.0/acts/${ACT}`).times(2).reply(200, { data: { uuid: ACT, template_id: 1 } });
		nock(KREBIT).get('/api/1.0/templates/1').times(2).reply(200, { data: TEMPLATE });
		const bad = await runKrebit(single('102', 'D'));
		expect(bad.error('Krebit')?.message).toBe(`A value does not fit act ${ACT}: "Riskklass" must be one of "A", "B", "C", not "D"`);
		expect(bad.error('Krebit')?.description).toContain('Nothing was sent to Krebit');
		const scope = nock(KREBIT).patch(`${DATA}/102`, { value: 'B' }).reply(200, { data: { id: 102, value: 'B' } });
		expect((await runKrebit(single('102', 'b'))).json('Krebit')).toEqual([{ id: 102, value: 'B' }]);
		scope.done();
	});

	test('with Validate Before Sending off, the value goes as it is, in one request', async () => {
		const scope = nock(KREBIT).patch(`${DATA}/101`, { value: 'lots' }).reply(400, { message: 'The Omsättning field must be a number.', errors: { value: ['The Omsättning field must be a number.'] } });
		const error = (await runKrebit(single('101', 'lots', { validate: false }))).error('Krebit')!;
		scope.done();
		expect(error.message).toBe(`The Omsättning field must be a number. (Krebit answered 400 to Update data point 101 of act ${ACT})`);
		expect(error.description).toContain('Field errors: value: The Omsättning field must be a number.');
	});

	test('404 for an unknown data point or act', async () => {
		nock(KREBIT).patch(`${DATA}/999`).reply(404, {});
		expect((await runKrebit(single('999', 'x', { validate: false }))).error('Krebit')?.message).toBe(
			`No data point 999 on act ${ACT} in this Krebit organization (Krebit answered 404)`,
		);
		nock(KREBIT).get(DATA).reply(404, {});
		expect((await runKrebit(single('101', '1'))).error('Krebit')?.message).toBe(`No act with UUID ${ACT} in this Krebit organization (Krebit answered 404)`);
		nock(KREBIT).get(DATA).reply(200, { data: POINTS });
		expect((await runKrebit(single('999', '1'))).error('Krebit')?.message).toBe(`A value does not fit act ${ACT}: "999" is not a data point of this act`);
	});
});

const bulk = (values: NodeParameterValueType, extra = {}) => ({ resource: 'act', operation: 'updateDataPoints', actId: byId(ACT), source: 'object', values, ...extra });

describe('Act > Update Data Points', () => {
	test('a Name: Value object: names become IDs, values are converted, one PUT', async () => {
		nock(KREBIT).get(DATA).reply(200, { data: POINTS });
		const scope = nock(KREBIT)
			.put(DATA, { data: [{ id: 101, value: 1500000 }, { id: 103, value: false }, { id: 105, value: null }] })
			.reply(200, { data: [{ id: 101, value: 1500000 }, { id: 103, value: false }, { id: 105, value: null }] });
		const run = await runKrebit(bulk(JSON.stringify({ Omsättning: '1500000', godkänd: 'nej', Kommentar: '' })));
		scope.done();
		expect(run.json('Krebit')).toEqual([
			{ act_uuid: ACT, updated: 3, data_points: [{ id: 101, value: 1500000 }, { id: 103, value: false }, { id: 105, value: null }] },
		]);
	});

	test('every problem at once, nothing sent', async () => {
		nock(KREBIT).get(DATA).reply(200, { data: POINTS });
		const run = await runKrebit(bulk({ Omsättning: 'mycket', Godkänd: 'kanske', Beslutsdatum: '1 maj', Okänd: 1, Kommentar: 'ok' }));
		const error = run.error('Krebit')!;
		expect(error.message).toBe(`4 values do not fit act ${ACT}: "Okänd" is not a data point of this act`);
		expect(error.description).toContain('"Omsättning" needs a number (currency), not "mycket"');
		expect(error.description).toContain('"Godkänd" needs true or false, not "kanske"');
		expect(error.description).toContain('"Beslutsdatum" needs a date as YYYY-MM-DD, not "1 maj"');
	});

	test('from the input item: data point fields are sent, the others are skipped and listed', async () => {
		nock(KREBIT).get(DATA).reply(200, { data: POINTS });
		const scope = nock(KREBIT).put(DATA, { data: [{ id: 101, value: 900 }] }).reply(200, '');
		const run = await runKrebit({ resource: 'act', operation: 'updateDataPoints', actId: byId(ACT), source: 'input' }, [
			{ json: { Omsättning: 900, clientName: 'Bergström Bygg AB' } },
		]);
		scope.done();
		expect(run.json('Krebit')).toEqual([
			{ act_uuid: ACT, updated: 1, data_points: [{ id: 101, name: 'Omsättning', value: 900 }], skipped_fields: ['clientName'] },
		]);
	});

	test("Krebit's 400 with field errors per data point", async () => {
		nock(KREBIT).get(DATA).reply(200, { data: POINTS });
		nock(KREBIT).put(DATA).reply(400, { message: 'The selected Riskklass is invalid.', errors: { 'data.0.value': ['The selected Riskklass is invalid.'] } });
		const error = (await runKrebit(bulk({ 101: 5 }))).error('Krebit')!;
		expect(error.message).toBe(`The selected Riskklass is invalid. (Krebit answered 400 to Update 1 data points of act ${ACT})`);
		expect(error.description).toContain('Field errors: data.0.value: The selected Riskklass is invalid.');
	});

	test('values that are no object, and 404 for the act', async () => {
		expect((await runKrebit(bulk('[1, 2]'))).error('Krebit')?.message).toBe('Values is not a Name: Value object');
		nock(KREBIT).get(DATA).reply(404, {});
		expect((await runKrebit(bulk({ a: 1 }))).error('Krebit')?.httpCode).toBe('404');
	});
});

describe('checkValue', () => {
	test.each([
		[{ type: 'percent' }, '12,5', 12.5],
		[{ type: 'number' }, 7, 7],
		[{ type: 'boolean' }, 'ja', true],
		[{ type: 'date' }, '2026-05-01T10:00:00Z', '2026-05-01'],
		[{ type: 'text' }, 42, '42'],
		[{ type: 'textarea', required: false }, '', null],
	])('%o with %o gives %o', (point, value, expected) => {
		expect(checkValue(point, value)).toEqual({ ok: true, value: expected });
	});

	test('a required point cannot be emptied', () => {
		expect(checkValue({ type: 'text', required: true }, null)).toEqual({ ok: false, problem: 'is required and cannot be empty' });
	});
});

afterAll(() => nock.restore());
