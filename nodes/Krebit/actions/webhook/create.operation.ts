import { NodeOperationError } from 'n8n-workflow';

import { EVENT_NAME, EVENT_OPTIONS_WITH_CUSTOM } from '../../../shared/events';
import { createSubscription, withoutSecret } from '../../../shared/webhooks';
import type { KrebitOperation } from '../types';

const CUSTOM = 'custom';

export const createWebhook: KrebitOperation = {
	value: 'create',
	name: 'Create',
	action: 'Create a webhook',
	description: 'Subscribe a URL to a Krebit event. To start workflows from Krebit events, use the Krebit Trigger instead.',
	properties: [
		{
			displayName: 'Event',
			name: 'event',
			type: 'options',
			required: true,
			default: 'act.created',
			options: EVENT_OPTIONS_WITH_CUSTOM,
		},
		{
			displayName: 'Custom Event',
			name: 'customEvent',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. client.updated',
			displayOptions: { show: { event: [CUSTOM] } },
		},
		{
			displayName: 'Target URL',
			name: 'target',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'https://example.com/hooks/krebit',
			description: 'Where Krebit POSTs each delivery',
		},
	],
	async execute(itemIndex) {
		const chosen = this.getNodeParameter('event', itemIndex) as string;
		const event = (chosen === CUSTOM ? (this.getNodeParameter('customEvent', itemIndex) as string) : chosen).trim();
		if (!EVENT_NAME.test(event)) {
			throw new NodeOperationError(this.getNode(), `"${event.slice(0, 60)}" is not a Krebit event name`, {
				description: `Event names look like "act.created": letters, digits, dots, underscores, colons or hyphens.`,
				itemIndex,
			});
		}
		const target = (this.getNodeParameter('target', itemIndex) as string).trim();
		let url: URL | undefined;
		try {
			url = new URL(target);
		} catch {
			url = undefined;
		}
		if (!url || !['https:', 'http:'].includes(url.protocol)) {
			throw new NodeOperationError(this.getNode(), `Target URL "${target.slice(0, 100)}" is not a web address`, {
				description: `Give the full address Krebit should POST to, starting with https://.`,
				itemIndex,
			});
		}
		return withoutSecret(await createSubscription(this, event, url.toString(), itemIndex));
	},
};
