import { ownershipOf, planSubscriptions, sameUrl } from '../../../nodes/KrebitTrigger/ownership';

const ID = '5d2c6a8e-1f3b-4c7d-9e0a-2b4c6d8e0f13';
const PRODUCTION = `https://n8n.example.com/webhook/${ID}/webhook`;

describe('which targets are the node\'s (pure rule)', () => {
	const owns = ownershipOf(PRODUCTION, ID);

	test.each([
		[`http://localhost:5678/webhook/${ID}/webhook`, true],
		[`https://old.example.org:8443/webhook/${ID}/webhook/`, true],
		[`https://example.com/n8n/webhook/${ID}/webhook`, true],
		[`https://n8n.example.com/webhook/${ID}/webhook?x=1`, true],
		[`https://n8n.example.com/webhook-test/${ID}/webhook`, false],
		[`https://n8n.example.com/webhook/0f0f0f0f-1111-2222-3333-444444444444/webhook`, false],
		[`https://n8n.example.com/webhook/${ID}/webhook/extra`, false],
		[`https://n8n.example.com/xwebhook/${ID}/webhook`, false],
		['not a url', false],
		['', false],
	])('%s → %s', (target, expected) => {
		expect(owns(target)).toBe(expected);
	});

	test('from a test URL only test targets are the node\'s', () => {
		const ownsTest = ownershipOf(`https://n8n.example.com/webhook-test/${ID}/webhook`, ID);
		expect(ownsTest(`http://localhost:5678/webhook-test/${ID}/webhook`)).toBe(true);
		expect(ownsTest(PRODUCTION)).toBe(false);
	});

	test('trailing slashes do not make another URL', () => {
		expect(sameUrl(`${PRODUCTION}/`, PRODUCTION)).toBe(true);
		expect(sameUrl(PRODUCTION, PRODUCTION.replace('https:', 'http:'))).toBe(false);
	});
});

describe('the plan (pure rule)', () => {
	const secretFor = (id: string) => ({ id, event: 'act.created', target: PRODUCTION, secret: `s-${id}` });

	test('keeps the known one on the current URL, removes the rest, makes what is missing', () => {
		const owned = [
			{ id: '1', event: 'act.created', target: PRODUCTION },
			{ id: '2', event: 'act.created', target: PRODUCTION },
			{ id: '3', event: 'signing.sent', target: `http://old:5678/webhook/${ID}/webhook` },
			{ id: '4', event: 'client.updated', target: PRODUCTION },
		];
		const stored = [secretFor('1'), secretFor('2'), { ...secretFor('3'), event: 'signing.sent' }, { ...secretFor('4'), event: 'client.updated' }];
		const plan = planSubscriptions(owned, stored, ['act.created', 'signing.sent'], PRODUCTION);
		expect(plan.keep).toEqual([secretFor('1')]);
		expect(plan.remove.map((s) => s.id)).toEqual(['2', '3', '4']);
		expect(plan.missing).toEqual(['signing.sent']);
	});

	test('a stored record without its secret is not kept', () => {
		const plan = planSubscriptions([{ id: '1', event: 'act.created', target: PRODUCTION }], [{ ...secretFor('1'), secret: '' }], ['act.created'], PRODUCTION);
		expect(plan).toEqual({ keep: [], remove: [{ id: '1', event: 'act.created', target: PRODUCTION }], missing: ['act.created'] });
	});
});
