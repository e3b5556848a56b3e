import { listSubscriptions, withoutSecret } from '../../../shared/webhooks';
import type { KrebitOperation } from '../types';

export const getManyWebhooks: KrebitOperation = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many webhooks',
	description: "List the organization's webhook subscriptions",
	properties: [],
	async execute(itemIndex) {
		return (await listSubscriptions(this, itemIndex)).map(withoutSecret);
	},
};
