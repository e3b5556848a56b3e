import type { IDataObject } from 'n8n-workflow';

import { filtersCollection } from '../../../shared/collections';
import { idParameter, listWithLimit, returnAllAndLimit } from '../common';
import { recordLocator } from '../../../shared/recordLocator';
import { CLIENT } from '../../../shared/records';
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
			recordLocator(CLIENT, 'clientId', 'Only acts of this client', { optional: true }),
		]),
		listOptions(),
	],
	async execute(itemIndex) {
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		// A saved workflow may hold a plain number here (before the picker), or the picker's value.
		const typed = 'clientId' in filters ? this.getNodeParameter('filters.clientId', itemIndex, '', { extractValue: true }) : '';
		// Left empty, the filter filters nothing; anything else must be a client ID.
		const clientId = String(typed ?? '').trim() ? idParameter.call(this, 'filters.clientId', itemIndex, CLIENT) : '';
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
