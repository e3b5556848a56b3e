import { listWithLimit, returnAllAndLimit } from '../common';
import { listOptions } from '../listOptions';
import type { KrebitOperation } from '../types';

// No Simplify: Krebit's list already returns only the essentials (id, company_name,
// org_number, country, updated_at). Client > Get gives the full profile.
export const getManyClients: KrebitOperation = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many clients',
	description: 'List clients with their essential fields (use Get for the full profile)',
	properties: [...returnAllAndLimit, listOptions()],
	async execute(itemIndex) {
		return await listWithLimit.call(this, itemIndex, { path: '/clients', action: 'Get many clients' });
	},
};
