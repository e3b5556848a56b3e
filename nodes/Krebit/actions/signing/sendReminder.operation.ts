import { krebitRequest } from '../../../shared/transport/request';
import { idParameter } from '../common';
import { recordLocator } from '../../../shared/recordLocator';
import { SIGNING } from '../../../shared/records';
import type { KrebitOperation } from '../types';
import { recordOrFallback } from '../answers';
import { changeSigning } from './refusals';

export const sendSigningReminder: KrebitOperation = {
	value: 'sendReminder',
	name: 'Send Reminder',
	action: 'Remind the recipients of a signing',
	description: 'Ask Krebit to remind the recipients who have not signed yet',
	properties: [recordLocator(SIGNING, 'signingId', 'The sent signing whose recipients to remind')],
	async execute(itemIndex) {
		const signingId = idParameter.call(this, 'signingId', itemIndex, SIGNING);
		const answer = await changeSigning(this, signingId, itemIndex, 'send a reminder', async () =>
			await krebitRequest(this, {
				method: 'POST',
				path: `/signings/${signingId}/reminders`,
				itemIndex,
				action: `Send a reminder for signing ${signingId}`,
				notFound: `No signing with ID ${signingId} in this Krebit organization`,
			}),
		);
		// Krebit answers 202 Accepted: the reminders go out afterwards (event signing.reminder.dispatched).
		return {
			signing_id: signingId,
			accepted: true,
			message: 'Krebit accepted the reminder; it e-mails the recipients who have not signed yet.',
			...recordOrFallback(answer, {}),
		};
	},
};
