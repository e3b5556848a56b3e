import { krebitRequest } from '../../../shared/transport/request';
import { idParameter } from '../common';
import { recordLocator } from '../../../shared/recordLocator';
import { SIGNING } from '../../../shared/records';
import type { KrebitOperation } from '../types';
import { recordOrFallback } from '../answers';
import { changeSigning } from './refusals';

export const sendSigning: KrebitOperation = {
	value: 'send',
	name: 'Send',
	action: 'Send a signing to its recipients',
	description: 'Dispatch a draft signing: it goes live and Krebit e-mails the invitations',
	properties: [recordLocator(SIGNING, 'signingId', 'The draft signing to send; it needs its documents and recipients')],
	async execute(itemIndex) {
		const signingId = idParameter.call(this, 'signingId', itemIndex, SIGNING);
		// A POST: after 502/503/504 it is not sent again (the invitations may have gone out).
		const answer = await changeSigning(this, signingId, itemIndex, 'send the signing', async () =>
			await krebitRequest(this, {
				method: 'POST',
				path: `/signings/${signingId}/send`,
				itemIndex,
				action: `Send signing ${signingId}`,
				notFound: `No signing with ID ${signingId} in this Krebit organization`,
			}),
		);
		// Krebit answers with the signing, or 202 without a body: then say it was accepted.
		return recordOrFallback(answer, {
			id: signingId,
			sent: true,
			message: 'Krebit accepted the signing for sending; it goes live and the invitations go out (event signing.sent).',
		});
	},
};
