import { getRecord } from '../common';
import { recordLocator } from '../../../shared/recordLocator';
import { CLIENT } from '../../../shared/records';
import type { KrebitOperation } from '../types';

export const getLatestAct: KrebitOperation = {
	value: 'getLatest',
	name: 'Get Latest',
	action: "Get a client's latest act",
	description: "Get the client's most recent act (financial evaluation)",
	properties: [recordLocator(CLIENT, 'clientId', 'The client whose latest act to get')],
	async execute(itemIndex) {
		return await getRecord.call(this, itemIndex, {
			parameter: 'clientId',
			kind: CLIENT,
			what: 'the latest act of client',
			path: (id) => `/clients/${id}/acts/latest`,
			notFound: (id) => `Client ${id} has no act, or there is no such client in this Krebit organization`,
		});
	},
};
