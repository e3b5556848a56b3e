import { NodeOperationError } from 'n8n-workflow';

import { EVENT_NAME } from '../shared/events';
import type { TriggerContext } from './state';

/**
 * The events this trigger listens to: those picked from the list plus the custom ones typed
 * (comma- or space-separated), each once. `strict` (on activation) refuses a custom value
 * that is no event name; deliveries just compare against the valid ones.
 */
export function selectedEvents(context: TriggerContext, strict: boolean): string[] {
	const picked = context.getNodeParameter('events', []) as string[];
	const typed = String(context.getNodeParameter('customEvents', '') ?? '')
		.split(/[\s,]+/)
		.map((event) => event.trim())
		.filter(Boolean);
	const invalid = typed.filter((event) => !EVENT_NAME.test(event));
	if (strict && invalid.length > 0) {
		throw new NodeOperationError(context.getNode(), `"${invalid[0].slice(0, 60)}" is not a Krebit event name`, {
			description: 'Custom events look like "client.updated" (letters, digits, dots, underscores, colons, hyphens), separated by commas.',
		});
	}
	const events = [...new Set([...picked, ...typed.filter((event) => EVENT_NAME.test(event))])];
	if (strict && events.length === 0) {
		throw new NodeOperationError(context.getNode(), 'Choose at least one Krebit event to listen to', {
			description: 'Pick events from the list or type custom ones.',
		});
	}
	return events;
}
