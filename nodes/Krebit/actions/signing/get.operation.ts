import { getRecord } from '../common';
import type { KrebitOperation } from '../types';
import { signingIdParameter } from './signingIdParameter';

export const getSigning: KrebitOperation = {
	value: 'get',
	name: 'Get',
	action: 'Get a signing',
	description: 'Get one signing',
	properties: [signingIdParameter],
	async execute(itemIndex) {
		return await getRecord.call(this, itemIndex, {
			parameter: 'signingId',
			label: 'Signing ID',
			what: 'signing',
			path: (id) => `/signings/${id}`,
		});
	},
};
