import type { IDataObject } from 'n8n-workflow';

import { filtersCollection, listWithLimit, returnAllAndLimit } from '../common';
import { listOptions } from '../listOptions';
import type { KrebitOperation } from '../types';

export const getManyActs: KrebitOperation = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many acts',
	description: 'List recent acts, optionally for one client',
	properties: [
		...returnAllAndLimit,
		filtersCollection([
			{
				displayName: 'Client ID',
				name: 'clientId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 42',
				description: 'Only acts of this client',
			},
		]),
		listOptions(),
	],
	async execute(itemIndex) {
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const clientId = String(filters.clientId ?? '').trim();
		// Krebit's guide filters by client_id "in your application or query results": send it as a
		// query parameter and also keep only matching records, so it works either way.
		return await listWithLimit.call(this, itemIndex, {
			path: '/acts',
			action: 'Get many acts',
			qs: clientId ? { client_id: clientId } : undefined,
			keep: clientId ? (act) => String(act.client_id) === clientId : undefined,
		});
	},
};
