import { getRecord } from '../common';
import type { KrebitOperation } from '../types';
import { clientLocator } from './clientLocator';

export const getClient: KrebitOperation = {
	value: 'get',
	name: 'Get',
	action: 'Get a client',
	description: "Get a client's full profile",
	properties: [clientLocator('The client to get')],
	async execute(itemIndex) {
		return await getRecord.call(this, itemIndex, {
			parameter: 'clientId',
			label: 'Client ID',
			what: 'client',
			path: (id) => `/clients/${id}`,
		});
	},
};
