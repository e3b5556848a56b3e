import { krebitRequest } from '../../../shared/transport/request';
import { idParameter } from '../common';
import { recordLocator } from '../../../shared/recordLocator';
import { SIGNING } from '../../../shared/records';
import type { KrebitOperation } from '../types';
import { recordOrFallback } from '../answers';
import { changeSigning, nodeError, statusOf } from './refusals';

const ROLE_HINT =
	'Krebit lets only users with the right role cancel signings: ask a Krebit administrator to grant the role to the user (or app) of this credential.';

export const cancelSigning: KrebitOperation = {
	value: 'cancel',
	name: 'Cancel',
	action: 'Cancel a signing',
	description: 'Cancel a sent signing: nobody can sign it any more',
	properties: [recordLocator(SIGNING, 'signingId', 'The signing to cancel')],
	async execute(itemIndex) {
		const signingId = idParameter.call(this, 'signingId', itemIndex, SIGNING);
		try {
			const answer = await changeSigning(this, signingId, itemIndex, 'cancel the signing', async () =>
				await krebitRequest(this, {
					method: 'POST',
					path: `/signings/${signingId}/cancel`,
					itemIndex,
					action: `Cancel signing ${signingId}`,
					notFound: `No signing with ID ${signingId} in this Krebit organization`,
				}),
			);
			return recordOrFallback(answer, { id: signingId, status: 'cancelled' });
		} catch (error) {
			throw nodeError(this, error, itemIndex, statusOf(error) === 403 ? ROLE_HINT : undefined);
		}
	},
};
