import { getRecord } from '../common';
import type { KrebitOperation } from '../types';
import { actIdParameter } from './actIdParameter';

export const getAct: KrebitOperation = {
	value: 'get',
	name: 'Get',
	action: 'Get an act',
	description: 'Get one act (credit evaluation) by its UUID',
	properties: [actIdParameter],
	async execute(itemIndex) {
		return await getRecord.call(this, itemIndex, {
			parameter: 'actId',
			label: 'Act UUID',
			what: 'act',
			path: (uuid) => `/acts/${uuid}`,
		});
	},
};
