import type { INodeParameters } from 'n8n-workflow';
import nock from 'nock';

import { Krebit } from '../../../nodes/Krebit/Krebit.node';
import { LoadOptionsContext } from 'n8n-core';

import { buildAdditionalData, singleNodeWorkflow } from '../../harness/engine';
import { KREBIT } from '../../harness/krebit-harness';
import { KREBIT_NODE, krebitHarness } from './helpers';

const SIGNING = '0f6c3e8a-2b1d-4c5e-8f7a-9b0c1d2e3f40';

/**
 * A "From List" load as the editor makes it: the editor sends the node's current parameters
 * with it (`currentNodeParameters`), which is where the picker finds the signing or act.
 */
async function load(method: string, parameters: INodeParameters, path: string, filter?: string) {
	const harness = krebitHarness();
	const node = harness.node(KREBIT_NODE, parameters);
	const additionalData = buildAdditionalData(harness.credentials, { currentNodeParameters: parameters });
	const context = new LoadOptionsContext(singleNodeWorkflow(harness.nodeTypes, node), node, additionalData, `parameters.${path}`);
	return await new Krebit().methods.listSearch[method].call(context, filter);
}

describe('pickers of records inside a signing or an act', () => {
	const removeRecipient = { resource: 'signing', operation: 'removeRecipient', signingId: { __rl: true, mode: 'list', value: SIGNING } };

	test("the recipient picker lists the chosen signing's recipients and searches name and e-mail", async () => {
		nock(KREBIT)
			.get(`/api/1.0/signings/${SIGNING}/recipients`)
			.query(true)
			.times(2)
			.reply(200, {
				data: [
					{ id: 7, name: 'Anna Lindqvist', email: 'anna@example.se', status: 'pending' },
					{ id: 8, name: 'Erik Berg', email: 'erik@example.se', status: 'signed' },
				],
				meta: { current_page: 1, last_page: 1 },
			});
		expect(await load('searchRecipients', removeRecipient, 'recipientId')).toEqual({
			results: [
				{ name: 'Anna Lindqvist <anna@example.se> pending', value: '7' },
				{ name: 'Erik Berg <erik@example.se> signed', value: '8' },
			],
		});
		expect((await load('searchRecipients', removeRecipient, 'recipientId', 'ERIK')).results).toEqual([{ name: 'Erik Berg <erik@example.se> signed', value: '8' }]);
	});

	test('no signing chosen yet: an empty list, nothing asked', async () => {
		expect(await load('searchDocuments', { resource: 'signing', operation: 'downloadDocument' }, 'documentId')).toEqual({ results: [] });
	});

	test("the data point picker lists the act's data points", async () => {
		nock(KREBIT).get('/api/1.0/acts/act-1/data').reply(200, [{ id: 101, name: 'Omsättning', type: 'currency' }]);
		const results = await load('searchDataPoints', { resource: 'act', operation: 'updateDataPoint', actId: 'act-1' }, 'dataPointId');
		expect(results).toEqual({ results: [{ name: 'Omsättning · currency', value: '101' }] });
	});
});

afterAll(() => nock.restore());
