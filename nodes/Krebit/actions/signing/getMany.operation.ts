import { listWithLimit, returnAllAndLimit } from '../common';
import type { KrebitOperation } from '../types';

export const getManySignings: KrebitOperation = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many signings',
	description: 'List signings',
	properties: [...returnAllAndLimit],
	async execute(itemIndex) {
		return await listWithLimit.call(this, itemIndex, { path: '/signings', action: 'Get many signings' });
	},
};
