import { getRecord } from '../common';
import { recordLocator } from '../../../shared/recordLocator';
import { ACT } from '../../../shared/records';
import type { KrebitOperation } from '../types';

export const getAct: KrebitOperation = {
	value: 'get',
	name: 'Get',
	action: 'Get an act',
	description: 'Get one act (credit evaluation) by its UUID',
	properties: [recordLocator(ACT, 'actId', 'The act (credit evaluation) to get')],
	async execute(itemIndex) {
		return await getRecord.call(this, itemIndex, {
			parameter: 'actId',
			kind: ACT,
			what: 'act',
			path: (uuid) => `/acts/${uuid}`,
		});
	},
};
