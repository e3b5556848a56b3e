import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

import { KREBIT_EVENTS } from '../shared/events';

export type PollEventName = 'newAct' | 'newClient' | 'newSigning' | 'signingStatusChanged';

/** What the trigger watches for one event: which list, and how a record is placed in time. */
export interface PollEvent {
	value: PollEventName;
	/**
	 * The `event` each item carries: Krebit's webhook event name where one exists, so a workflow
	 * can switch between the two triggers; else a name in the same style.
	 */
	outputEvent: string;
	name: string;
	description: string;
	/** The Krebit list, relative to /api/1.0. */
	path: '/acts' | '/clients' | '/signings';
	/** How the records are called in messages: "acts". */
	plural: string;
	/** The field `position` reads, for messages. */
	positionField: string;
	/** Where a record stands in time, higher is newer; undefined when that field is missing or unreadable. */
	position: (record: IDataObject) => number | undefined;
	/**
	 * Whether positions are times (milliseconds): then the cursor never rises above the time of
	 * the poll, so a record dated in the future cannot hide the ones made after it.
	 */
	inTime: boolean;
	/**
	 * How far below the newest position a record that shows up late (its transaction committed
	 * after a newer one was listed) is still caught, in the position's own unit.
	 */
	lookback: number;
}

/** Milliseconds since 1970 of an ISO 8601 (or `YYYY-MM-DD HH:MM:SS`) timestamp. */
export function timeOf(value: unknown): number | undefined {
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const time = Date.parse(value.trim());
	return Number.isNaN(time) ? undefined : time;
}

/** A record's numeric id (Krebit Finance's client ids are numbers, sometimes sent as strings). */
function numericId(record: IDataObject): number | undefined {
	const { id } = record;
	const number = typeof id === 'string' && /^\d+$/.test(id.trim()) ? Number(id) : id;
	return typeof number === 'number' && Number.isSafeInteger(number) ? number : undefined;
}

/** The key a record is told apart by: `id`, or `uuid` (acts); undefined when it has neither. */
export function idOf(record: IDataObject): string | undefined {
	const id = record.id ?? record.uuid;
	return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

const TWO_MINUTES = 2 * 60 * 1000;

const byCreation = (record: IDataObject) => timeOf(record.created_at);

export const POLL_EVENTS: Record<PollEventName, PollEvent> = {
	newAct: {
		value: 'newAct',
		outputEvent: 'act.created',
		name: 'New Act',
		description: 'A credit evaluation (act) was created, optionally for one client',
		path: '/acts',
		plural: 'acts',
		positionField: 'created_at',
		position: byCreation,
		inTime: true,
		lookback: TWO_MINUTES,
	},
	newClient: {
		value: 'newClient',
		outputEvent: 'client.created',
		name: 'New Client',
		description: 'A client was added',
		path: '/clients',
		plural: 'clients',
		positionField: 'id',
		// The client list carries only essential fields (no created_at); ids grow with every new client.
		position: numericId,
		inTime: false,
		lookback: 50,
	},
	newSigning: {
		value: 'newSigning',
		outputEvent: 'signing.created',
		name: 'New Signing',
		description: 'A signing was created',
		path: '/signings',
		plural: 'signings',
		positionField: 'created_at',
		position: byCreation,
		inTime: true,
		lookback: TWO_MINUTES,
	},
	signingStatusChanged: {
		value: 'signingStatusChanged',
		outputEvent: 'signing.status_changed',
		name: 'Signing Status Changed',
		description: 'A signing has another status than when the trigger last saw it',
		path: '/signings',
		plural: 'signings',
		positionField: 'updated_at',
		position: (record) => timeOf(record.updated_at) ?? timeOf(record.created_at),
		inTime: true,
		lookback: 0,
	},
};

/** Whether Krebit sends a webhook of the event's output name (so the Krebit Trigger can replace this one). */
export function hasWebhookTwin(event: PollEvent): boolean {
	return KREBIT_EVENTS.some((webhookEvent) => webhookEvent.value === event.outputEvent);
}

export const POLL_EVENT_OPTIONS: INodePropertyOptions[] = Object.values(POLL_EVENTS).map((event) => ({
	name: event.name,
	value: event.value,
	description: `${event.description}. Items carry event "${event.outputEvent}"${hasWebhookTwin(event) ? ', as in the Krebit Trigger' : ''}.`,
}));

/** The node's subtitle: the chosen event's name. */
export const POLL_EVENT_SUBTITLE = `={{ ${JSON.stringify(Object.fromEntries(Object.values(POLL_EVENTS).map((event) => [event.value, event.name])))}[$parameter["event"]] }}`;
