import { krebitRequest } from '../../../shared/transport/request';
import { idParameter } from '../common';
import { recordLocator } from '../../../shared/recordLocator';
import { WEBHOOK } from '../../../shared/records';
import type { KrebitOperation } from '../types';

export const deleteWebhook: KrebitOperation = {
	value: 'delete',
	name: 'Delete',
	action: 'Delete a webhook',
	description: 'Remove a webhook subscription',
	properties: [recordLocator(WEBHOOK, 'webhookId', 'The webhook subscription to remove')],
	async execute(itemIndex) {
		const id = idParameter.call(this, 'webhookId', itemIndex, WEBHOOK);
		await krebitRequest(this, {
			method: 'DELETE',
			path: `/webhooks/${id}`,
			itemIndex,
			action: `Delete webhook ${id}`,
			notFound: `No webhook with ID ${id} in this Krebit organization`,
		});
		return { deleted: true };
	},
};
