import nock from 'nock';

import { KREBIT } from '../../harness/krebit-harness';
import { runKrebit } from './helpers';

afterAll(() => nock.restore());

const UUID = '9b2f6c1e-4d3a-4e8b-9f10-2a3b4c5d6e7f';

beforeEach(() => nock(KREBIT).get(`/api/1.0/acts/${UUID}`).reply(200, { data: { uuid: UUID, client_id: 7 } }));

describe('Act > Get Data Points, One Item with Name: Value, takes names as own properties only', () => {
	test('constructor, valueOf, toString, hasOwnProperty and __proto__ are ordinary names', async () => {
		const names = ['constructor', 'valueOf', 'toString', 'hasOwnProperty', '__proto__'];
		nock(KREBIT)
			.get(`/api/1.0/acts/${UUID}/data`)
			.reply(200, { data: names.map((name, i) => ({ id: i + 1, name, value: i * 10 })) });

		const run = await runKrebit({ resource: 'act', operation: 'getDataPoints', actId: UUID, output: 'object' });

		const [values] = run.json('Krebit');
		expect(Object.keys(values)).toEqual(['act_uuid', 'client_id', ...names]);
		expect(values).toEqual({ act_uuid: UUID, client_id: 7, constructor: 0, valueOf: 10, toString: 20, hasOwnProperty: 30, ['__proto__']: 40 });
		// `__proto__` is a key of its own, not the item's prototype.
		expect(Object.getOwnPropertyDescriptor(values, '__proto__')?.value).toBe(40);
		expect(Object.getPrototypeOf(values)).toBe(Object.prototype);
	});

	test('a repeated __proto__ or constructor is numbered like any other repeated name', async () => {
		nock(KREBIT)
			.get(`/api/1.0/acts/${UUID}/data`)
			.reply(200, {
				data: [
					{ id: 1, name: '__proto__', value: 'a' },
					{ id: 2, name: '__proto__', value: 'b' },
					{ id: 3, name: 'constructor', value: 'c' },
					{ id: 4, name: 'constructor', value: 'd' },
				],
			});
		const run = await runKrebit({ resource: 'act', operation: 'getDataPoints', actId: UUID, output: 'object' });
		const [values] = run.json('Krebit');
		expect(Object.keys(values)).toEqual(['act_uuid', 'client_id', '__proto__', '__proto__ (2)', 'constructor', 'constructor (2)']);
		expect(Object.getOwnPropertyDescriptor(values, '__proto__')?.value).toBe('a');
	});
});
