import { krebitRequest, unwrapRecord } from '../../../shared/transport/request';
import { idParameter } from '../common';
import type { KrebitOperation } from '../types';
import { actIdParameter } from './actIdParameter';

export const getAct: KrebitOperation = {
	value: 'get',
	name: 'Get',
	action: 'Get an act',
	description: 'Get one act (credit evaluation) by its UUID',
	properties: [actIdParameter],
	async execute(itemIndex) {
		const uuid = idParameter.call(this, 'actId', itemIndex, 'Act UUID');
		const body = await krebitRequest(this, {
			method: 'GET',
			path: `/acts/${uuid}`,
			itemIndex,
			action: `Get act ${uuid}`,
			notFound: `No act with UUID ${uuid} in this Krebit organization`,
		});
		return unwrapRecord(body);
	},
};
