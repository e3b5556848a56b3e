import { krebitRequest, unwrapRecord } from '../../../shared/transport/request';
import { idParameter } from '../common';
import type { KrebitOperation } from '../types';
import { signingIdParameter } from './signingIdParameter';

export const getSigning: KrebitOperation = {
	value: 'get',
	name: 'Get',
	action: 'Get a signing',
	description: 'Get one signing',
	properties: [signingIdParameter],
	async execute(itemIndex) {
		const id = idParameter.call(this, 'signingId', itemIndex, 'Signing ID');
		const body = await krebitRequest(this, {
			method: 'GET',
			path: `/signings/${id}`,
			itemIndex,
			action: `Get signing ${id}`,
			notFound: `No signing with ID ${id} in this Krebit organization`,
		});
		return unwrapRecord(body);
	},
};
