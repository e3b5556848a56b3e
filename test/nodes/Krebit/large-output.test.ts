import nock from 'nock';

import { KREBIT } from '../../harness/krebit-harness';
import { runKrebit } from './helpers';

const UUID = '9b2f4c1e-5d7a-4e8b-9c3d-1a2b3c4d5e6f';

describe('a very long result', () => {
	test('160,000 data points of one act come out as 160,000 items, in order', async () => {
		const points = Array.from({ length: 160_000 }, (_, i) => ({ id: i + 1, name: `Field ${i + 1}`, value: i }));
		nock(KREBIT).get(`/api/1.0/acts/${UUID}/data`).reply(200, { data: points });
		nock(KREBIT).get(`/api/1.0/acts/${UUID}`).reply(200, { data: { uuid: UUID, client_id: 7 } });

		const run = await runKrebit({ resource: 'act', operation: 'getDataPoints', actId: UUID, output: 'items' });

		expect(run.error('Krebit')).toBeUndefined();
		const output = run.output('Krebit');
		expect(output).toHaveLength(160_000);
		expect(output[0]).toEqual({ json: { ...points[0], act_uuid: UUID, client_id: 7 }, pairedItem: { item: 0 } });
		expect(output[159_999]).toEqual({ json: { ...points[159_999], act_uuid: UUID, client_id: 7 }, pairedItem: { item: 0 } });
	});
});
