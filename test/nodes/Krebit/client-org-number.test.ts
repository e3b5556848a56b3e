import nock from 'nock';

import { normalizeOrgNumber, orgNumberQueries } from '../../../nodes/Krebit/actions/client/orgNumber';
import { KREBIT } from '../../harness/krebit-harness';
import { KREBIT_NODE, krebitHarness, runKrebit } from './helpers';

const lookup = (orgNumber: string) => ({ resource: 'client', operation: 'getByOrgNumber', orgNumber });
const client = (id: number, org_number: string) => ({ id, company_name: `Bolag ${id} AB`, org_number, country: 'SE' });
const onePage = (records: object[]) => ({ data: records, meta: { current_page: 1, last_page: 1, total: records.length } });

describe('Client > Get by Org Number', () => {
	test.each(['556000-4999', '5560004999', '556000 4999', ' 556 000-4999 '])('%s finds the client Krebit filtered to, in one request', async (typed) => {
		const scope = nock(KREBIT)
			.get('/api/1.0/clients')
			.query((query) => normalizeOrgNumber(query.org_number) === '5560004999' && query.page === '1')
			.reply(200, onePage([client(5000, '556000-4999')]));
		const run = await runKrebit(lookup(typed));
		scope.done();
		expect(run.json('Krebit')).toEqual([client(5000, '556000-4999')]);
	});

	test('Krebit ignores the filter: the whole list is read and only exact matches are kept', async () => {
		const page = (number: number, records: object[]) =>
			nock(KREBIT)
				.get('/api/1.0/clients')
				.query((query) => query.page === String(number) && query.org_number === '556000-4999')
				.reply(200, { data: records, meta: { current_page: number, last_page: 3, total: 5 } });
		page(1, [client(1, '556000-4998'), client(2, '5560004999 ')]);
		page(2, [client(3, '556000-49990'), client(4, '556000-4999')]);
		page(3, [client(5, '969000-4999')]);
		const run = await runKrebit(lookup('556000-4999'));
		expect(run.json('Krebit').map((record) => record.id)).toEqual([2, 4]);
	});

	test('no match gives no item, not an error; the other written forms are asked for too', async () => {
		const asked: string[] = [];
		nock(KREBIT)
			.get('/api/1.0/clients')
			.query((query) => {
				asked.push(String(query.org_number));
				return true;
			})
			.times(3)
			.reply(200, onePage([]));
		const run = await runKrebit(lookup('556000 4999'));
		expect(run.error('Krebit')).toBeUndefined();
		expect(run.output('Krebit')).toEqual([]);
		expect(asked).toEqual(['5560004999', '556000-4999']);
	});

	test('no match with Always Output Data: one empty item, as with n8n\'s own lookups', async () => {
		nock(KREBIT).get('/api/1.0/clients').query(true).times(3).reply(200, onePage([]));
		const run = await krebitHarness().runNode(KREBIT_NODE, lookup('556000-4999'), undefined, { alwaysOutputData: true });
		expect(run.output('Krebit')).toHaveLength(1);
	});

	test('a value that is no org number is refused before sending; with Continue On Fail it is an error item', async () => {
		const run = await runKrebit(lookup('Bergström Bygg'), undefined, { continueOnFail: true });
		expect(run.json('Krebit')).toEqual([
			{ error: '"Bergström Bygg" is not an organization number', description: expect.stringContaining('556000-4999') },
		]);
	});

	test('400 and 404 from Krebit are errors', async () => {
		nock(KREBIT).get('/api/1.0/clients').query(true).reply(400, { message: 'The org number field format is invalid.', errors: { org_number: ['The org number field format is invalid.'] } });
		const error = (await runKrebit(lookup('556000-4999'))).error('Krebit')!;
		expect(error.message).toBe('The org number field format is invalid. (Krebit answered 400 to Look up the client with org number 556000-4999)');
		nock(KREBIT).get('/api/1.0/clients').query(true).reply(404, { message: 'Not found.' });
		expect((await runKrebit(lookup('556000-4999'))).error('Krebit')?.httpCode).toBe('404');
	});
});

describe('org number forms', () => {
	test('normalized and the forms asked for', () => {
		expect(normalizeOrgNumber(' 556000–4999 ')).toBe('5560004999');
		expect(orgNumberQueries('5560004999')).toEqual(['5560004999', '556000-4999']);
		expect(orgNumberQueries('556000-4999')).toEqual(['556000-4999', '5560004999']);
		expect(orgNumberQueries('SC123456')).toEqual(['SC123456']);
	});
});

afterAll(() => nock.restore());
