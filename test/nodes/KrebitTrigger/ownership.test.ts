import { forgetRememberedSets } from '../../../nodes/KrebitTrigger/inProcess';
import { FakeWebhooks } from '../../harness/fake-webhooks';
import { WEBHOOK_ID } from '../../harness/trigger';
import { delivery, MARK_QUERY, PRODUCTION_PATH, PRODUCTION_URL, productionTargetAt, signed, stored, TEST_URL, trigger, wipeStaticData } from './helpers';

const TWO_EVENTS = ['act.created', 'signing.sent'];
const OLD_ORIGIN = 'https://n8n-old.example.com:8443';
const NEW_ORIGIN = 'https://n8n.example.com';
const isProduction = (target: string) => new URL(target).pathname === PRODUCTION_PATH;

describe('subscriptions belong to the node, whatever origin they were made for', () => {
	test('static data emptied while Krebit holds 2, n8n started again: checkExists false, create leaves exactly 2 new ones, the next delivery verifies first time', async () => {
		const krebit = new FakeWebhooks();
		const t = trigger({ events: TWO_EVENTS });
		await t.hook('create');
		const oldIds = krebit.subscriptions.map((s) => s.id);
		wipeStaticData(t);
		forgetRememberedSets();
		krebit.calls.length = 0;

		expect(await t.hook('checkExists')).toBe(false);
		expect(krebit.calls.filter((c) => !c.startsWith('GET'))).toEqual([]);
		await t.hook('create');

		expect(krebit.held()).toEqual(TWO_EVENTS.map((e) => [e, PRODUCTION_URL]));
		expect(krebit.subscriptions.some((s) => oldIds.includes(s.id))).toBe(false);
		expect(krebit.calls.filter((c) => c.startsWith('DELETE')).sort()).toEqual(oldIds.map((id) => `DELETE ${id}`).sort());
		expect(stored(t).map((s) => s.secret).sort()).toEqual(krebit.subscriptions.map((s) => s.secret).sort());
		expect(await t.hook('checkExists')).toBe(true);

		const body = delivery('after-wipe-1');
		const answer = await t.deliver(body, signed(krebit.subscriptions[0].secret, body));
		expect(answer.started).toHaveLength(1);
	});

	test('static data emptied while this process runs: create keeps the 2 it made, with their secrets, and makes nothing', async () => {
		const krebit = new FakeWebhooks();
		const t = trigger({ events: TWO_EVENTS });
		await t.hook('create');
		const made = stored(t);
		wipeStaticData(t);
		krebit.calls.length = 0;

		await t.hook('create');

		expect(krebit.calls.filter((c) => !c.startsWith('GET'))).toEqual([]);
		expect(stored(t)).toEqual(made);
		const body = delivery('kept-1');
		expect((await t.deliver(body, signed(krebit.subscriptions[0].secret, body))).started).toHaveLength(1);
	});

	test('n8n moved: after a restart checkExists is false and create leaves nothing on the old origin', async () => {
		const krebit = new FakeWebhooks();
		const t = trigger({ events: TWO_EVENTS });
		t.instanceUrl = OLD_ORIGIN;
		await t.hook('create');
		t.instanceUrl = NEW_ORIGIN;

		expect(await t.hook('checkExists')).toBe(false);
		await t.hook('create');

		expect(krebit.held()).toEqual(TWO_EVENTS.map((e) => [e, productionTargetAt(NEW_ORIGIN)]));
		expect(stored(t).map((s) => s.target)).toEqual(TWO_EVENTS.map(() => productionTargetAt(NEW_ORIGIN)));
		expect(await t.hook('checkExists')).toBe(true);
	});

	test('deactivating after n8n moved removes the node\'s subscriptions on every origin, recorded or not', async () => {
		const krebit = new FakeWebhooks();
		const t = trigger({ events: TWO_EVENTS });
		t.instanceUrl = OLD_ORIGIN;
		await t.hook('create');
		// Made by this n8n (its mark) on an origin it had before and not recorded.
		krebit.add('act.created', `http://10.0.0.5:5678${PRODUCTION_PATH}/${MARK_QUERY}`);
		t.instanceUrl = NEW_ORIGIN;

		await t.hook('delete');

		expect(krebit.held(isProduction)).toEqual([]);
		expect(krebit.calls.filter((c) => c.startsWith('DELETE'))).toHaveLength(3);
		expect(t.nodeStaticData()).toEqual({});
	});

	test('a live subscription whose secret is unknown: checkExists false, create deletes it and keeps the known ones', async () => {
		const krebit = new FakeWebhooks();
		const t = trigger({ events: TWO_EVENTS });
		await t.hook('create');
		const known = krebit.subscriptions.map((s) => s.id);
		const stranger = krebit.add('act.created', PRODUCTION_URL);
		krebit.calls.length = 0;

		expect(await t.hook('checkExists')).toBe(false);
		await t.hook('create');

		expect(krebit.calls.filter((c) => !c.startsWith('GET'))).toEqual([`DELETE ${stranger.id}`]);
		expect(krebit.subscriptions.map((s) => s.id)).toEqual(known);
		expect(stored(t).map((s) => Number(s.id))).toEqual(known);
	});

	test('two known subscriptions for one event: the second is deleted', async () => {
		const krebit = new FakeWebhooks();
		const t = trigger({ events: ['act.created'] });
		await t.hook('create');
		const first = stored(t)[0];
		const second = krebit.add('act.created', PRODUCTION_URL);
		(t.nodeStaticData().subscriptions as object[]).push({ id: String(second.id), event: 'act.created', target: PRODUCTION_URL, secret: second.secret });

		expect(await t.hook('checkExists')).toBe(false);
		await t.hook('create');

		expect(krebit.subscriptions.map((s) => String(s.id))).toEqual([first.id]);
		expect(stored(t)).toEqual([first]);
	});

	test('subscriptions of other workflows and other URLs are never touched', async () => {
		const krebit = new FakeWebhooks();
		const others = [
			`${PRODUCTION_URL.replace(WEBHOOK_ID, '0f0f0f0f-1111-2222-3333-444444444444')}`,
			'https://example.com/hooks/krebit',
			`https://example.com/hooks${PRODUCTION_PATH}-copy`,
		].map((target) => krebit.add('act.created', target));
		const t = trigger({ events: ['act.created'] });

		await t.hook('create');
		await t.hook('delete');

		expect(krebit.subscriptions).toEqual(others);
	});
});

describe('test mode and production stay apart', () => {
	test('a test-mode deactivation leaves production untouched', async () => {
		const krebit = new FakeWebhooks();
		const t = trigger({ events: ['act.created'] });
		await t.hook('create');
		await t.hook('create', { isTest: true, activation: 'manual' });
		await t.hook('delete', { isTest: true, activation: 'manual' });
		expect(krebit.held()).toEqual([['act.created', PRODUCTION_URL]]);
		expect(stored(t).map((s) => s.target)).toEqual([PRODUCTION_URL]);
		expect(await t.hook('checkExists')).toBe(true);
	});

	test('production create and delete leave a test-mode subscription alone', async () => {
		const krebit = new FakeWebhooks();
		const t = trigger({ events: ['act.created'] });
		await t.hook('create', { isTest: true, activation: 'manual' });
		wipeStaticData(t);

		await t.hook('create');
		expect(krebit.held()).toEqual([
			['act.created', TEST_URL],
			['act.created', PRODUCTION_URL],
		]);
		await t.hook('delete');
		expect(krebit.held()).toEqual([['act.created', TEST_URL]]);
	});
});
