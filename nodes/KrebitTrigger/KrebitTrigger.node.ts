import {
	NodeConnectionTypes,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { KREBIT_EVENTS } from '../shared/events';
import { handleDelivery } from './delivery';
import { selectedEvents } from './events';
import { subscriptionStep } from './inProcess';
import { reconcileSubscriptions, removeSubscriptions, subscriptionsExist } from './subscriptions';

export class KrebitTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Krebit Trigger',
		name: 'krebitTrigger',
		icon: { light: 'file:krebit.svg', dark: 'file:krebit.dark.svg' },
		group: ['trigger'],
		// 1.1 behaves as 1; n8n evaluates a `$parameter` expression on every request to a
		// version-1 webhook node (for the Webhook node's binary option), and skips it after 1.
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{ [($parameter["events"] || []).join(", "), $parameter["customEvents"]].filter(Boolean).join(", ") }}',
		description: 'Work with Krebit Finance and Krebit Sign, and start workflows on Krebit events (verified by their signature)',
		defaults: { name: 'Krebit Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'krebitOAuth2Api', required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			{
				displayName:
					'To test: click "Test this trigger", then make the event happen in Krebit (for Act Created, run a credit evaluation; for a signing event, send or cancel a signing). The credential\'s Krebit user or app must be allowed to manage webhooks.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: KREBIT_EVENTS,
				default: [],
				description: 'The Krebit events that start this workflow. Each becomes one Krebit webhook subscription.',
			},
			{
				displayName: 'Custom Events',
				name: 'customEvents',
				type: 'string',
				default: '',
				placeholder: 'e.g. client.updated, act.updated',
				description: 'Other event names Krebit gave you, separated by commas',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Include Headers',
						name: 'includeHeaders',
						type: 'boolean',
						default: false,
						description: 'Whether to add the request headers under "headers"',
					},
					{
						displayName: 'Output',
						name: 'output',
						type: 'options',
						default: 'data',
						options: [
							{
								name: 'Event Data',
								value: 'data',
								description: 'The resource Krebit sent, with event, delivery_id and delivery_created_at beside it',
							},
							{ name: 'Raw Delivery', value: 'raw', description: 'The delivery exactly as Krebit sent it' },
						],
					},
				],
			},
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await subscriptionsExist(this, selectedEvents(this, false));
			},
			async create(this: IHookFunctions): Promise<boolean> {
				await subscriptionStep(this, async () => await reconcileSubscriptions(this, selectedEvents(this, true)));
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				await subscriptionStep(this, async () => await removeSubscriptions(this));
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleDelivery(this, selectedEvents(this, false));
	}
}
