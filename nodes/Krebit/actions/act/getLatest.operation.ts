import { krebitRequest, unwrapRecord } from '../../../shared/transport/request';
import { clientLocator } from '../client/clientLocator';
import { idParameter } from '../common';
import type { KrebitOperation } from '../types';

export const getLatestAct: KrebitOperation = {
	value: 'getLatest',
	name: 'Get Latest',
	action: "Get a client's latest act",
	description: "Get the client's most recent act (financial evaluation)",
	properties: [clientLocator('The client whose latest act to get')],
	async execute(itemIndex) {
		const id = idParameter.call(this, 'clientId', itemIndex, 'Client ID');
		const body = await krebitRequest(this, {
			method: 'GET',
			path: `/clients/${id}/acts/latest`,
			itemIndex,
			action: `Get the latest act of client ${id}`,
			notFound: `Client ${id} has no act, or there is no such client in this Krebit organization`,
		});
		return unwrapRecord(body);
	},
};
