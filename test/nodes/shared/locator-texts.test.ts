import type { INodeParameters, INodeProperties, INodeType } from 'n8n-workflow';
import nock from 'nock';

import { Krebit } from '../../../nodes/Krebit/Krebit.node';
import { KrebitPollingTrigger } from '../../../nodes/KrebitPollingTrigger/KrebitPollingTrigger.node';
import { KrebitTrigger } from '../../../nodes/KrebitTrigger/KrebitTrigger.node';
import { runKrebit } from '../Krebit/helpers';

/** Every resource locator in a node's properties, collections and fixed collections included. */
function locatorsIn(properties: INodeProperties[]): INodeProperties[] {
	const found: INodeProperties[] = [];
	for (const property of properties) {
		if (property.type === 'resourceLocator') found.push(property);
		for (const option of property.options ?? []) {
			if ('type' in option) found.push(...locatorsIn([option as INodeProperties]));
			if ('values' in option && Array.isArray(option.values)) found.push(...locatorsIn(option.values));
		}
	}
	return found;
}

/** What the editor shows of a locator: its label, description, hint, and each mode's texts. */
function textsOf(locator: INodeProperties): string[] {
	const texts = [locator.displayName, locator.description, locator.hint, locator.placeholder];
	for (const mode of locator.modes ?? []) {
		texts.push(mode.displayName, mode.placeholder, mode.hint);
		const notice = (mode.typeOptions as { slowLoadNotice?: { message?: string } } | undefined)?.slowLoadNotice;
		texts.push(notice?.message);
		for (const rule of mode.validation ?? []) {
			if (typeof rule === 'object' && 'properties' in rule) texts.push((rule.properties as { errorMessage?: string }).errorMessage);
		}
	}
	return texts.filter((text): text is string => typeof text === 'string' && text !== '');
}

/** English a user would stumble on: "a act", "a Act", "an client", "a uuid"; "UUID" is spelled in capitals. */
function wordingProblems(text: string): string[] {
	const problems: string[] = [];
	if (/\ba [aeiou]/.test(text) || /\ba [AEIOU][a-z]/.test(text)) problems.push('"a" before a vowel');
	if (/\ban [b-df-hj-np-tv-z]/i.test(text)) problems.push('"an" before a consonant');
	if (/\buuid\b/.test(text)) problems.push('"uuid" in lower case');
	if (/\bacts? ID\b/i.test(text)) problems.push('an act is named by its UUID, not an ID');
	return problems.map((problem) => `${problem}: ${JSON.stringify(text)}`);
}

const NODES: Array<[string, INodeType]> = [
	['Krebit', new Krebit()],
	['Krebit Trigger', new KrebitTrigger()],
	['Krebit Polling Trigger', new KrebitPollingTrigger()],
];

afterAll(() => nock.restore());

describe('record pickers read as English', () => {
	const all = NODES.flatMap(([node, type]) => locatorsIn(type.description.properties).map((locator) => ({ node, locator })));

	test('the walk finds the pickers of every node that has them', () => {
		expect(new Set(all.map(({ node }) => node))).toEqual(new Set(['Krebit', 'Krebit Polling Trigger']));
		expect(all.length).toBeGreaterThan(15);
	});

	test('no label, description, hint, placeholder or error message of a picker says "a act", "a uuid" and the like', () => {
		const problems = all.flatMap(({ node, locator }) => textsOf(locator).flatMap((text) => wordingProblems(text).map((p) => `${node} ${locator.name}: ${p}`)));
		expect(problems).toEqual([]);
	});

	test('a required picker left empty says which record to choose, with the right article and ID name', async () => {
		const required = all.filter(({ node, locator }) => node === 'Krebit' && locator.required);
		const krebitProperties = new Krebit().description.properties;
		const hints: Record<string, string> = {};
		for (const { locator } of required) {
			const show = locator.displayOptions?.show ?? {};
			const parameters: INodeParameters = { resource: show.resource?.[0] as string, operation: show.operation?.[0] as string };
			// The other pickers of the operation hold an ID; this one an expression that comes out
			// empty (an empty value n8n itself refuses before the node runs).
			for (const other of required) {
				const otherShow = other.locator.displayOptions?.show ?? {};
				if (otherShow.resource?.[0] === parameters.resource && otherShow.operation?.[0] === parameters.operation) {
					parameters[other.locator.name] = { __rl: true, mode: 'id', value: other.locator === locator ? '={{ $json.id }}' : '5' };
				}
			}
			// Other required fields of the operation get a value, so n8n lets the node run.
			for (const other of krebitProperties) {
				const otherShow = other.displayOptions?.show ?? {};
				const own = otherShow.resource?.[0] === parameters.resource && otherShow.operation?.[0] === parameters.operation;
				if (own && other.required && parameters[other.name] === undefined) parameters[other.name] = other.type === 'number' ? 1 : 'x';
			}
			const error = (await runKrebit(parameters, [{ json: { id: ' ' } }])).error('Krebit');
			const where = `${parameters.resource} > ${parameters.operation}: ${locator.name}`;
			expect([where, error?.message]).toEqual([where, expect.stringMatching(/ is empty$/)]);
			expect([where, wordingProblems(String(error?.description))]).toEqual([where, []]);
			hints[locator.name] = String(error?.description);
		}
		expect(hints).toMatchObject({
			actId: 'Choose an act or enter its UUID.',
			clientId: 'Choose a client or enter its ID.',
			signingId: 'Choose a signing or enter its ID.',
			dataPointId: 'Choose a data point or enter its ID.',
		});
	});
});
