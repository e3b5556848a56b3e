import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { Krebit } from '../../../nodes/Krebit/Krebit.node';
import { KrebitTrigger } from '../../../nodes/KrebitTrigger/KrebitTrigger.node';

describe('what the n8n editor shows', () => {
	const krebit = new Krebit().description;

	test('the Krebit node: tool-usable, subtitle, Krebit credential, themed icons', () => {
		expect(krebit).toMatchObject({
			displayName: 'Krebit',
			usableAsTool: true,
			subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
			credentials: [{ name: 'krebitOAuth2Api', required: true }],
			icon: { light: 'file:krebit.svg', dark: 'file:krebit.dark.svg' },
		});
	});

	test('each resource lists its operations alphabetically, each with an action sentence', () => {
		const operations = krebit.properties.filter((p) => p.name === 'operation');
		expect(operations.map((p) => p.displayOptions?.show?.resource)).toEqual([
			['act'], ['client'], ['signing'], ['template'], ['user'], ['webhook'],
		]);
		for (const property of operations) {
			const options = property.options as INodePropertyOptions[];
			const names = options.map((o) => o.name);
			expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
			expect(options.every((o) => typeof o.action === 'string' && o.action.length > 0)).toBe(true);
			expect(options.map((o) => o.value)).toContain(property.default);
		}
	});

	test('every operation parameter is shown only for its resource and operation', () => {
		const own = krebit.properties.filter((p: INodeProperties) => !['resource', 'operation'].includes(p.name));
		for (const property of own) {
			expect(property.displayOptions?.show?.resource).toHaveLength(1);
			expect(property.displayOptions?.show?.operation).toHaveLength(1);
		}
	});

	test('the trigger: no inputs, one POST webhook, no tool use', () => {
		const trigger = new KrebitTrigger().description;
		expect(trigger.displayName).toBe('Krebit Trigger');
		expect(trigger.inputs).toEqual([]);
		expect(trigger.group).toEqual(['trigger']);
		expect(trigger.usableAsTool).toBeUndefined();
		expect(trigger.webhooks).toEqual([{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }]);
	});

	test('the trigger has one version, 1.1: above 1, where n8n evaluates no expression per request', () => {
		// n8n's webhook handler evaluates `$parameter["options"]["binaryData"]` on every request to a
		// webhook node whose typeVersion is 1; 1.1 is what the demo's workflows were saved with.
		expect(new KrebitTrigger().description.version).toBe(1.1);
	});

	test('trigger events are named without a product suffix, so n8n lists them as "On act created"', () => {
		const events = new KrebitTrigger().description.properties.find((p) => p.name === 'events');
		const names = (events?.options as INodePropertyOptions[]).map((o) => o.name);
		expect(names).toEqual([
			'Act Created',
			'Signing Cancelled',
			'Signing Document Completed',
			'Signing Reminder Dispatched',
			'Signing Sent',
		]);
		for (const option of events?.options as INodePropertyOptions[]) {
			expect(option.description).toMatch(/^Krebit (Finance|Sign): /);
		}
	});

	test('the trigger opens with a notice: how to make a test event, and the webhook right it needs', () => {
		const [first] = new KrebitTrigger().description.properties;
		expect(first.type).toBe('notice');
		// No button named: n8n's own trigger panel names its test button, and 1.123 and 2.41
		// name it differently ("Listen for test event", "Execute step").
		expect(first.displayName).not.toMatch(/click|Test this trigger|Execute step|Listen for test event/i);
		expect(first.displayName).toContain('To make a test event happen in Krebit');
		expect(first.displayName).toContain('run a credit evaluation');
		expect(first.displayName).toContain('must be allowed to manage webhooks');
	});

	test('pickers say "Select an act...", "Select a client..."', () => {
		const placeholders = new Krebit().description.properties
			.filter((p) => p.type === 'resourceLocator')
			.map((p) => [p.name, p.modes?.[0].placeholder]);
		expect(placeholders).toContainEqual(['actId', 'Select an act...']);
		expect(placeholders).toContainEqual(['clientId', 'Select a client...']);
		expect(placeholders.some(([, placeholder]) => placeholder === 'Select a act...')).toBe(false);
	});
});
