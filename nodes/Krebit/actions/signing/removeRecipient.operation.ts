import { krebitRequest } from '../../../shared/transport/request';
import { RECIPIENT } from '../childRecords';
import { idParameter } from '../common';
import { recordLocator } from '../../../shared/recordLocator';
import { SIGNING } from '../../../shared/records';
import type { KrebitOperation } from '../types';
import { changeSigning } from './refusals';

export const removeSigningRecipient: KrebitOperation = {
	value: 'removeRecipient',
	name: 'Remove Recipient',
	action: 'Remove a recipient from a signing',
	description: 'Remove a person from a draft signing',
	properties: [
		recordLocator(SIGNING, 'signingId', 'The draft signing to remove the recipient from'),
		recordLocator(RECIPIENT, 'recipientId', 'The recipient to remove (From List shows the recipients of the signing above)'),
	],
	async execute(itemIndex) {
		const signingId = idParameter.call(this, 'signingId', itemIndex, SIGNING);
		const recipientId = idParameter.call(this, 'recipientId', itemIndex, RECIPIENT);
		await changeSigning(this, signingId, itemIndex, `remove recipient ${recipientId}`, async () =>
			await krebitRequest(this, {
				method: 'DELETE',
				path: `/signings/${signingId}/recipients/${recipientId}`,
				itemIndex,
				action: `Remove recipient ${recipientId} from signing ${signingId}`,
				notFound: `No recipient ${recipientId} on signing ${signingId} in this Krebit organization`,
			}),
		);
		return { removed: true, signing_id: signingId, recipient_id: recipientId };
	},
};
