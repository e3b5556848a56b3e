import { getRecord } from '../common';
import { recordLocator } from '../../../shared/recordLocator';
import { SIGNING } from '../../../shared/records';
import type { KrebitOperation } from '../types';

export const getSigning: KrebitOperation = {
	value: 'get',
	name: 'Get',
	action: 'Get a signing',
	description: 'Get one signing',
	properties: [recordLocator(SIGNING, 'signingId', 'The signing to get')],
	async execute(itemIndex) {
		return await getRecord.call(this, itemIndex, {
			parameter: 'signingId',
			kind: SIGNING,
			what: 'signing',
			path: (id) => `/signings/${id}`,
		});
	},
};
