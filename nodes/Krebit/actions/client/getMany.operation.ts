import { listWithLimit, pick, returnAllAndLimit, simplifyParameter } from '../common';
import { listOptions } from '../listOptions';
import type { KrebitOperation } from '../types';

/** What Simplify keeps of a client. */
export const SIMPLE_CLIENT_FIELDS = [
	'id',
	'company_name',
	'org_number',
	'country',
	'credit_limit',
	'currency',
	'rating',
	'updated_at',
] as const;

export const getManyClients: KrebitOperation = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many clients',
	description: 'List clients',
	properties: [...returnAllAndLimit, simplifyParameter, listOptions()],
	async execute(itemIndex) {
		const clients = await listWithLimit.call(this, itemIndex, { path: '/clients', action: 'Get many clients' });
		const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
		return simplify ? clients.map((client) => pick(client, SIMPLE_CLIENT_FIELDS)) : clients;
	},
};
