import { krebitRequest, unwrapRecord } from '../../../shared/transport/request';
import { idParameter } from '../common';
import type { KrebitOperation } from '../types';
import { clientLocator } from './clientLocator';

export const getClient: KrebitOperation = {
	value: 'get',
	name: 'Get',
	action: 'Get a client',
	description: "Get a client's full profile",
	properties: [clientLocator('The client to get')],
	async execute(itemIndex) {
		const id = idParameter.call(this, 'clientId', itemIndex, 'Client ID');
		const body = await krebitRequest(this, {
			method: 'GET',
			path: `/clients/${id}`,
			itemIndex,
			action: `Get client ${id}`,
			notFound: `No client with ID ${id} in this Krebit organization`,
		});
		return unwrapRecord(body);
	},
};
