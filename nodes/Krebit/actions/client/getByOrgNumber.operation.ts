import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import { krebitList } from '../../../shared/transport/pagination';
import type { KrebitOperation } from '../types';
import { normalizeOrgNumber, orgNumberQueries } from './orgNumber';

export const getClientByOrgNumber: KrebitOperation = {
	value: 'getByOrgNumber',
	name: 'Get by Org Number',
	action: 'Get a client by organization number',
	description: 'Find the client with an organization number, written with or without "-" and spaces',
	properties: [
		{
			displayName: 'Org Number',
			name: 'orgNumber',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 556000-4999',
			description:
				'The organization number to look for, such as 556000-4999, 5560004999 or 556000 4999. No match gives no item (turn on Settings > Always Output Data to continue with an empty item).',
		},
	],
	async execute(itemIndex) {
		const typed = String(this.getNodeParameter('orgNumber', itemIndex, '') ?? '');
		const wanted = normalizeOrgNumber(typed);
		if (!/^[0-9A-Z]{4,20}$/.test(wanted)) {
			throw new NodeOperationError(this.getNode(), `${JSON.stringify(typed.slice(0, 40))} is not an organization number`, {
				description: 'Enter the number as Krebit shows it, for example 556000-4999 (with or without "-" and spaces).',
				itemIndex,
			});
		}
		let matches: IDataObject[] = [];
		for (const orgNumber of orgNumberQueries(typed)) {
			// Keep only exact matches, so the answer is right whether or not Krebit filters.
			let listedOthers = false;
			matches = await krebitList(this, {
				path: '/clients',
				qs: { org_number: orgNumber },
				itemIndex,
				action: `Look up the client with org number ${orgNumber}`,
				returnAll: true,
				keep: (client) => {
					const exact = normalizeOrgNumber(client.org_number) === wanted;
					if (!exact) listedOthers = true;
					return exact;
				},
			});
			// Krebit listed other clients too: it ignored the filter and the whole list was read.
			if (matches.length > 0 || listedOthers) break;
		}
		return matches;
	},
};
