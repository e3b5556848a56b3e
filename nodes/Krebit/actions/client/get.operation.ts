import { getRecord } from '../common';
import type { KrebitOperation } from '../types';
import { recordLocator } from '../../../shared/recordLocator';
import { CLIENT } from '../../../shared/records';

export const getClient: KrebitOperation = {
	value: 'get',
	name: 'Get',
	action: 'Get a client',
	description: "Get a client's full profile",
	properties: [recordLocator(CLIENT, 'clientId', 'The client to get')],
	async execute(itemIndex) {
		return await getRecord.call(this, itemIndex, {
			parameter: 'clientId',
			kind: CLIENT,
			what: 'client',
			path: (id) => `/clients/${id}`,
		});
	},
};
