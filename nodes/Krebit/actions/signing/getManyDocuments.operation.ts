import { krebitList } from '../../../shared/transport/pagination';
import { idParameter } from '../common';
import { recordLocator } from '../../../shared/recordLocator';
import { SIGNING } from '../../../shared/records';
import type { KrebitOperation } from '../types';

export const getManySigningDocuments: KrebitOperation = {
	value: 'getDocuments',
	name: 'Get Many Documents',
	action: "Get a signing's documents",
	description: 'List the documents of a signing with their status (to choose one to download)',
	properties: [recordLocator(SIGNING, 'signingId', 'The signing whose documents to list')],
	async execute(itemIndex) {
		const signingId = idParameter.call(this, 'signingId', itemIndex, SIGNING);
		return await krebitList(this, {
			path: `/signings/${signingId}/documents`,
			itemIndex,
			action: `Get the documents of signing ${signingId}`,
			returnAll: true,
		});
	},
};
