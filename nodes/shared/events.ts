import type { INodePropertyOptions } from 'n8n-workflow';

/**
 * The webhook events Krebit documents. Tenants may have more; both nodes accept custom values.
 * n8n lists a trigger's events as "On <name>", so names carry no product; the description does.
 */
export const KREBIT_EVENTS: INodePropertyOptions[] = [
	{ name: 'Act Created', value: 'act.created', description: 'Krebit Finance: a credit evaluation was created' },
	{ name: 'Signing Cancelled', value: 'signing.cancelled', description: 'Krebit Sign: a signing was cancelled' },
	{
		name: 'Signing Document Completed',
		value: 'signing.document.completed',
		description: 'Krebit Sign: every party has signed a document',
	},
	{
		name: 'Signing Reminder Dispatched',
		value: 'signing.reminder.dispatched',
		description: 'Krebit Sign: Krebit sent a reminder to sign',
	},
	{ name: 'Signing Sent', value: 'signing.sent', description: 'Krebit Sign: a signing was sent to its parties' },
];

/**
 * What an event name may look like (Krebit writes them like `act.created`): letters, digits,
 * dots, underscores, colons and hyphens, at most 100 characters. Anything else is a typo or
 * an attempt to smuggle something into the request, and is refused.
 */
export const EVENT_NAME = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/;

/** The event picker of the Krebit node: the documented events, then a custom one. */
export const EVENT_OPTIONS_WITH_CUSTOM: INodePropertyOptions[] = [
	...KREBIT_EVENTS,
	{ name: 'Custom Event', value: 'custom', description: 'An event name Krebit gave you' },
];
