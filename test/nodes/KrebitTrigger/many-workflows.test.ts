import type { ICredentialDataDecryptedObject, INodeParameters } from 'n8n-workflow';
import nock from 'nock';

import { KrebitTrigger } from '../../../nodes/KrebitTrigger/KrebitTrigger.node';
import { VIEW_MAX_AGE_MS, viewsHeld } from '../../../nodes/shared/subscriptionView';
import { FakeWebhooks } from '../../harness/fake-webhooks';
import { authorizationCodeCredential, KREBIT, KrebitHarness } from '../../harness/krebit-harness';
import { TriggerUnderTest } from '../../harness/trigger';

/**
 * Many workflows that start with the Krebit Trigger in one n8n process, on one Krebit app: what
 * n8n 1.x does at every start (checkExists for each) and 2.x at mass activation (create for each).
 */

let workflowCount = 0;

interface WorkflowOptions {
	parameters?: INodeParameters;
	credentialId?: string;
	credential?: ICredentialDataDecryptedObject;
}

/** A trigger in its own workflow (own node id and webhook id, so its own webhook URL). */
function workflow({ parameters = { events: ['act.created'] }, credentialId = 'krebit-credential-1', credential }: WorkflowOptions = {}) {
	const number = ++workflowCount;
	const harness = new KrebitHarness();
	if (credential || credentialId !== 'krebit-credential-1') {
		harness.credentials.store(credentialId, 'krebitOAuth2Api', credential ?? authorizationCodeCredential());
	}
	const nodeType = new KrebitTrigger();
	harness.registerNode('n8n-nodes-krebit.krebitTrigger', nodeType);
	const node = {
		...harness.node('n8n-nodes-krebit.krebitTrigger', parameters, 'Krebit Trigger'),
		id: `trigger-node-${number}`,
		webhookId: `0000${number}-aaaa-4bbb-8ccc-${String(number).padStart(12, '0')}`,
		credentials: { krebitOAuth2Api: { id: credentialId, name: `Krebit ${credentialId}` } },
	};
	return new TriggerUnderTest(harness.nodeTypes, harness.credentials, nodeType, node);
}

/** Reads of the whole list (each is page 1, then an empty page 2: the fake gives no `meta`). */
const lists = (krebit: FakeWebhooks) => krebit.calls.filter((call) => call === 'GET page 1');
const writes = (krebit: FakeWebhooks) => krebit.calls.filter((call) => !call.startsWith('GET'));

async function activated(count: number, options?: WorkflowOptions) {
	const workflows = Array.from({ length: count }, () => workflow(options));
	for (const each of workflows) await each.hook('create');
	return workflows;
}

/** As n8n 1.x at start: checkExists for every active trigger (here all at once). */
async function startUp(workflows: TriggerUnderTest[]) {
	return await Promise.all(workflows.map(async (each) => await each.hook('checkExists', { activation: 'init' })));
}

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

afterEach(() => jest.restoreAllMocks());

describe('one view of Krebit\'s webhook list per process and app', () => {
	test('30 workflows asked checkExists at once (n8n 1.x start-up): one list request, all true, nothing written', async () => {
		const krebit = new FakeWebhooks();
		const workflows = await activated(30);
		krebit.calls.length = 0;

		expect(await startUp(workflows)).toEqual(workflows.map(() => true));
		expect(lists(krebit)).toHaveLength(1);
		expect(writes(krebit)).toEqual([]);
	});

	test('one after another within a few seconds: one list; a list older than that is asked for again', async () => {
		const krebit = new FakeWebhooks();
		const workflows = await activated(5);
		krebit.calls.length = 0;
		let now = Date.now();
		jest.spyOn(Date, 'now').mockImplementation(() => now);

		for (const each of workflows) expect(await each.hook('checkExists', { activation: 'init' })).toBe(true);
		expect(lists(krebit)).toHaveLength(1);

		now += VIEW_MAX_AGE_MS + 1;
		expect(await workflows[0].hook('checkExists', { activation: 'init' })).toBe(true);
		expect(lists(krebit)).toHaveLength(2);
	});

	test('the kept list still tells a missing subscription: that workflow alone answers false', async () => {
		const krebit = new FakeWebhooks();
		const workflows = await activated(3);
		const gone = krebit.subscriptions[1];
		krebit.subscriptions.splice(1, 1);
		krebit.calls.length = 0;

		expect(await startUp(workflows)).toEqual([true, false, true]);
		expect(lists(krebit)).toHaveLength(1);
		expect(gone.target).toContain(workflows[1].node.webhookId);
	});

	test("after this process's own write the next checkExists lists again and sees it", async () => {
		const krebit = new FakeWebhooks();
		const [first, second] = await activated(2);
		krebit.calls.length = 0;
		expect(await first.hook('checkExists')).toBe(true);
		expect(lists(krebit)).toHaveLength(1);

		// A third workflow is activated in this process (a POST), then the second one is deactivated (a DELETE).
		const third = workflow();
		await third.hook('create');
		expect(await third.hook('checkExists')).toBe(true);
		await second.hook('delete');
		expect(await second.hook('checkExists')).toBe(false);
		expect(await first.hook('checkExists')).toBe(true);
		// The first checkExists; create's fresh list; checkExists after the POST; delete's fresh
		// list; checkExists after the DELETE. (The deactivated one asks nothing: it holds no secrets.)
		expect(lists(krebit)).toHaveLength(5);
	});

	test('create (and so repair) never plans on a kept list: Krebit changed by another process is seen', async () => {
		const krebit = new FakeWebhooks();
		const [one] = await activated(1);
		expect(await one.hook('checkExists')).toBe(true);
		// Another n8n process removed this workflow's subscription a moment ago.
		krebit.subscriptions.length = 0;
		krebit.calls.length = 0;

		await one.hook('create');
		expect(lists(krebit)).toHaveLength(1);
		expect(writes(krebit)).toEqual(['POST act.created']);
		expect(krebit.subscriptions).toHaveLength(1);
	});

	test('concurrent creates of 10 workflows share list requests; each still gets exactly its subscription', async () => {
		const krebit = new FakeWebhooks({ listDelayMs: 50 });
		const workflows = Array.from({ length: 10 }, () => workflow());

		await Promise.all(workflows.map(async (each) => await each.hook('create')));
		expect(lists(krebit).length).toBeLessThanOrEqual(2);
		expect(krebit.subscriptions).toHaveLength(10);
		for (const each of workflows) {
			const mine = krebit.subscriptions.filter((s) => s.target.includes(each.node.webhookId!));
			expect(mine).toHaveLength(1);
			expect(each.nodeStaticData().subscriptions).toEqual([expect.objectContaining({ id: String(mine[0].id), secret: mine[0].secret })]);
		}
	});
});

describe('nothing of one tenant, app or credential is served to another', () => {
	test('a second credential of the same app on the same tenant gets its own list request', async () => {
		const krebit = new FakeWebhooks();
		const mine = await activated(3);
		const theirs = await activated(3, { credentialId: 'krebit-credential-2' });
		krebit.calls.length = 0;

		expect(await startUp([...mine, ...theirs])).toEqual([true, true, true, true, true, true]);
		expect(lists(krebit)).toHaveLength(2);
	});

	test('another client id (another app) under the same credential id is another view', async () => {
		const krebit = new FakeWebhooks();
		const [before] = await activated(1);
		expect(await before.hook('checkExists')).toBe(true);
		krebit.calls.length = 0;

		// The credential now names another Krebit app (same tenant, same credential id).
		const after = workflow({ credential: authorizationCodeCredential({ clientId: 'another-app' }) });
		after.staticData['node:Krebit Trigger'] = copy(before.nodeStaticData());
		after.node.webhookId = before.node.webhookId;
		expect(await after.hook('checkExists')).toBe(true);
		expect(lists(krebit)).toHaveLength(1);
	});

	test("another tenant's list is never served: each tenant is asked, and answers for its own workflows", async () => {
		const acme = new FakeWebhooks();
		const [atAcme] = await activated(1);
		const other = 'https://othertenant.krebit.se';
		const otherCalls: string[] = [];
		nock(other)
			.get('/api/1.0/webhooks')
			.query(true)
			.reply((uri) => {
				otherCalls.push(`GET page ${new URL(uri, other).searchParams.get('page')}`);
				return [200, { data: [] }];
			})
			.persist();
		const atOther = workflow({ credential: authorizationCodeCredential({ organization: 'othertenant' }), credentialId: 'krebit-credential-3' });
		// It believes it holds the same subscription (copied state), but the other tenant lists none.
		atOther.staticData['node:Krebit Trigger'] = copy(atAcme.nodeStaticData());
		atOther.node.webhookId = atAcme.node.webhookId;
		acme.calls.length = 0;

		expect(await startUp([atAcme, atOther])).toEqual([true, false]);
		expect(lists(acme)).toHaveLength(1);
		expect(otherCalls).toEqual(['GET page 1']);
	});
});

describe('bounded, and failures shared honestly', () => {
	test('150 credentials on one tenant: at most 100 views are held', async () => {
		const krebit = new FakeWebhooks();
		const [one] = await activated(1);
		krebit.calls.length = 0;
		for (let i = 0; i < 150; i++) {
			const other = workflow({ credentialId: `credential-${i}` });
			other.staticData['node:Krebit Trigger'] = copy(one.nodeStaticData());
			other.node.webhookId = one.node.webhookId;
			expect(await other.hook('checkExists')).toBe(true);
		}
		expect(lists(krebit)).toHaveLength(150);
		expect(viewsHeld().views).toBeLessThanOrEqual(100);
		expect(viewsHeld().tenants).toBe(1);
	});

	test('a shared list that fails fails every activation waiting for it, each under its own node, and nothing is made', async () => {
		const krebit = new FakeWebhooks({ failList: true, listDelayMs: 30 });
		const workflows = Array.from({ length: 5 }, () => workflow());
		const outcomes = await Promise.allSettled(workflows.map(async (each) => await each.hook('create')));
		expect(outcomes.map((outcome) => outcome.status)).toEqual(workflows.map(() => 'rejected'));
		outcomes.forEach((outcome, index) => {
			const error = (outcome as PromiseRejectedResult).reason as { message: string; node?: { id: string } };
			expect(error.message).toContain('Server Error');
			expect(error.node?.id).toBe(workflows[index].node.id);
		});
		expect(lists(krebit).length).toBeLessThanOrEqual(2);
		expect(writes(krebit)).toEqual([]);
	});
});

describe('a rate limit is never evidence that a subscription is gone', () => {
	test('checkExists when Krebit answers 429 to every try: true, stored subscriptions kept, nothing deleted or made, a warning without secrets', async () => {
		const krebit = new FakeWebhooks();
		const [one] = await activated(1);
		const before = copy(one.nodeStaticData());
		nock.cleanAll();
		let listTries = 0;
		nock(KREBIT)
			.get('/api/1.0/webhooks')
			.query(true)
			.reply(() => {
				listTries++;
				return [429, { message: 'Too Many Attempts.' }, { 'Retry-After': '0' }];
			})
			.persist();
		const warn = jest.spyOn(one.n8nLogger(), 'warn');

		expect(await one.hook('checkExists', { activation: 'init' })).toBe(true);
		expect(listTries).toBe(4);
		expect(one.nodeStaticData()).toEqual(before);
		expect(krebit.subscriptions).toHaveLength(1);
		const lines = warn.mock.calls.map(([message]) => String(message));
		expect(lines).toEqual([expect.stringContaining("could not read Krebit's webhook list (Too Many Attempts.")]);
		expect(lines[0]).toContain('keeps its 1 stored webhook(s)');
		expect(lines[0]).not.toContain(krebit.subscriptions[0].secret);
	});

	test('30 workflows at start-up meet one 429 with Retry-After: two list requests in all, all true', async () => {
		const krebit = new FakeWebhooks();
		const workflows = await activated(30);
		nock.cleanAll();
		const answers: number[] = [];
		nock(KREBIT)
			.get('/api/1.0/webhooks')
			.query(true)
			.reply((uri) => {
				if (new URL(uri, KREBIT).searchParams.get('page') !== '1') return [200, { data: [] }];
				const status = answers.length === 0 ? 429 : 200;
				answers.push(status);
				if (status === 429) return [429, { message: 'Too Many Attempts.' }, { 'Retry-After': '1' }];
				return [200, { data: krebit.subscriptions.map((s) => ({ ...s })) }];
			})
			.persist();

		expect(await startUp(workflows)).toEqual(workflows.map(() => true));
		expect(answers).toEqual([429, 200]);
	});

	test('a workflow without stored secrets still answers false without asking Krebit (create makes them)', async () => {
		const krebit = new FakeWebhooks();
		const fresh = workflow();
		expect(await fresh.hook('checkExists', { activation: 'init' })).toBe(false);
		expect(krebit.calls).toEqual([]);
	});
});
