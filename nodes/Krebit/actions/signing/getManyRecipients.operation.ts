import { krebitList } from '../../../shared/transport/pagination';
import { idParameter } from '../common';
import { recordLocator } from '../../../shared/recordLocator';
import { SIGNING } from '../../../shared/records';
import type { KrebitOperation } from '../types';

export const getManySigningRecipients: KrebitOperation = {
	value: 'getRecipients',
	name: 'Get Many Recipients',
	action: "Get a signing's recipients",
	description: 'List the people who sign a signing, with their status',
	properties: [recordLocator(SIGNING, 'signingId', 'The signing whose recipients to list')],
	async execute(itemIndex) {
		const signingId = idParameter.call(this, 'signingId', itemIndex, SIGNING);
		// A signing has a handful of recipients: always all of them.
		return await krebitList(this, {
			path: `/signings/${signingId}/recipients`,
			itemIndex,
			action: `Get the recipients of signing ${signingId}`,
			returnAll: true,
		});
	},
};
