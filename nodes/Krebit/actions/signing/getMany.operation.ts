import { listWithLimit, returnAllAndLimit } from '../common';
import { listOptions } from '../listOptions';
import type { KrebitOperation } from '../types';

export const getManySignings: KrebitOperation = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many signings',
	description: 'List signings',
	properties: [...returnAllAndLimit, listOptions()],
	async execute(itemIndex) {
		return await listWithLimit.call(this, itemIndex, { path: '/signings', action: 'Get many signings' });
	},
};
