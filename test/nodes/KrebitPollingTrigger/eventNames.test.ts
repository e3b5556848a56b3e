import { hasWebhookTwin, POLL_EVENTS } from '../../../nodes/KrebitPollingTrigger/catalogue';
import { KrebitPollingTrigger } from '../../../nodes/KrebitPollingTrigger/KrebitPollingTrigger.node';
import { KREBIT_EVENTS } from '../../../nodes/shared/events';

const webhookEvents = KREBIT_EVENTS.map((event) => String(event.value));

describe('one event vocabulary for both triggers', () => {
	test('each polling event says its output name; where Krebit has a webhook of that name it is the same', () => {
		expect(Object.values(POLL_EVENTS).map((event) => [event.value, event.outputEvent, hasWebhookTwin(event)])).toEqual([
			['newAct', 'act.created', true],
			['newClient', 'client.created', false],
			['newSigning', 'signing.created', false],
			['signingStatusChanged', 'signing.status_changed', false],
		]);
		expect(Object.values(POLL_EVENTS).filter(hasWebhookTwin).every((event) => webhookEvents.includes(event.outputEvent))).toBe(true);
	});

	test('the subtitle names the chosen event as the Event list does', () => {
		const subtitle = String(new KrebitPollingTrigger().description.subtitle);
		const names = /^=\{\{ (\{.*\})\[\$parameter\["event"\]\] \}\}$/.exec(subtitle)?.[1];
		expect(JSON.parse(names ?? 'null')).toEqual({
			newAct: 'New Act',
			newClient: 'New Client',
			newSigning: 'New Signing',
			signingStatusChanged: 'Signing Status Changed',
		});
	});

	test('the Event list tells which name the items carry', () => {
		const options = new KrebitPollingTrigger().description.properties.find((p) => p.name === 'event')?.options as Array<{ description: string }>;
		expect(options[0].description).toBe(
			'A credit evaluation (act) was created, optionally for one client. Items carry event "act.created", as in the Krebit Trigger.',
		);
		expect(options[1].description).toBe('A client was added. Items carry event "client.created".');
	});
});
