import { withoutSecret } from '../../../shared/webhooks';
import { listWithLimit, returnAllAndLimit } from '../common';
import { listOptions } from '../listOptions';
import type { KrebitOperation } from '../types';

export const getManyWebhooks: KrebitOperation = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many webhooks',
	description: "List the organization's webhook subscriptions",
	properties: [...returnAllAndLimit, listOptions()],
	async execute(itemIndex) {
		const subscriptions = await listWithLimit.call(this, itemIndex, { path: '/webhooks', action: 'Get many webhooks' });
		return subscriptions.map(withoutSecret);
	},
};
