import nock from 'nock';

import { FakeWebhooks } from '../../harness/fake-webhooks';
import { KREBIT } from '../../harness/krebit-harness';
import { PRODUCTION_URL, stored, TEST_URL, THREE_EVENTS, trigger } from './helpers';

describe('lifecycle', () => {
	test('activate with 3 events: 3 subscriptions with the production URL, secrets stored', async () => {
		const krebit = new FakeWebhooks();
		const t = trigger();

		expect(await t.hook('checkExists')).toBe(false);
		expect(await t.hook('create')).toBe(true);

		expect(krebit.subscriptions.map((s) => [s.event, s.target])).toEqual(THREE_EVENTS.map((e) => [e, PRODUCTION_URL]));
		expect(stored(t)).toEqual(
			krebit.subscriptions.map((s) => ({ id: String(s.id), event: s.event, target: s.target, secret: s.secret })),
		);
		expect(await t.hook('checkExists')).toBe(true);
	});

	test('test mode registers the /webhook-test/ URL', async () => {
		const krebit = new FakeWebhooks();
		const t = trigger({ events: ['act.created'] });
		await t.hook('create', { isTest: true, activation: 'manual' });
		expect(krebit.subscriptions.map((s) => s.target)).toEqual([TEST_URL]);
	});

	test('one removed at Krebit: checkExists false without deleting, create adds exactly that one', async () => {
		const krebit = new FakeWebhooks();
		const t = trigger();
		await t.hook('create');
		krebit.removeBehindTheScenes('signing.sent');
		krebit.calls.length = 0;

		expect(await t.hook('checkExists')).toBe(false);
		expect(krebit.calls.filter((c) => !c.startsWith('GET'))).toEqual([]);

		await t.hook('create');
		expect(krebit.calls.filter((c) => !c.startsWith('GET'))).toEqual(['POST signing.sent']);
		expect(krebit.subscriptions.map((s) => s.event).sort()).toEqual([...THREE_EVENTS].sort());
		expect(stored(t)).toHaveLength(3);
		expect(await t.hook('checkExists')).toBe(true);
	});

	test('create again with all present makes no duplicate and deletes nothing', async () => {
		const krebit = new FakeWebhooks();
		const t = trigger();
		await t.hook('create');
		krebit.calls.length = 0;
		await t.hook('create');
		expect(krebit.calls.filter((c) => !c.startsWith('GET'))).toEqual([]);
		expect(krebit.subscriptions).toHaveLength(3);
		expect(stored(t)).toHaveLength(3);
	});

	test('deactivate: all 3 deleted at Krebit, static data empty', async () => {
		const krebit = new FakeWebhooks();
		const t = trigger();
		await t.hook('create');
		expect(await t.hook('delete')).toBe(true);
		expect(krebit.subscriptions).toEqual([]);
		expect(krebit.calls.filter((c) => c.startsWith('DELETE'))).toHaveLength(3);
		expect(t.nodeStaticData()).toEqual({});
	});

	test('a subscription already gone at Krebit counts as deleted', async () => {
		const krebit = new FakeWebhooks();
		const t = trigger();
		await t.hook('create');
		krebit.removeBehindTheScenes('act.created');
		await t.hook('delete');
		expect(krebit.subscriptions).toEqual([]);
		expect(t.nodeStaticData()).toEqual({});
	});

	test('a failing delete is raised with Krebit\'s message, and the subscriptions stay stored for the next try', async () => {
		const failing = new FakeWebhooks({ failDelete: true });
		const t = trigger();
		await t.hook('create');
		await expect(t.hook('delete')).rejects.toThrow(
			/^Could not remove 3 Krebit webhook\(s\) of this trigger: act\.created \(\d+\): Server Error \(Krebit answered 500 to Delete Krebit webhook \d+\) \(and 2 more\)$/,
		);
		expect(stored(t)).toHaveLength(3);
		expect(failing.subscriptions).toHaveLength(3);
	});

	test('creating the third of four fails: the two made are deleted, Krebit\'s whole answer shown, nothing left', async () => {
		const krebit = new FakeWebhooks({ failCreateNumber: 3 });
		const t = trigger({ events: [...THREE_EVENTS, 'signing.document.completed'] });

		const error = await t.hook('create').then(
			() => undefined,
			(thrown: { message: string; description?: string; httpCode?: string }) => thrown,
		);
		expect(error?.message).toBe(
			'The given data was invalid. (Krebit answered 400 to Create a Krebit webhook for "signing.cancelled") Field errors: event: The selected event is invalid. Krebit request ID: req-create-3.',
		);
		expect(error?.description).toMatch(/^The 2 webhook\(s\) this activation made were removed again\. /);
		expect(error?.description).toContain('Krebit request ID: req-create-3');
		expect(error?.httpCode).toBe('400');

		expect(krebit.subscriptions).toEqual([]);
		expect(krebit.calls.filter((c) => c.startsWith('DELETE'))).toHaveLength(2);
		expect(stored(t)).toEqual([]);
	});

	test('custom events are subscribed too, each once', async () => {
		const krebit = new FakeWebhooks();
		const t = trigger({ events: ['act.created'], customEvents: 'client.updated, act.created ,act.updated' });
		await t.hook('create');
		expect(krebit.subscriptions.map((s) => s.event)).toEqual(['act.created', 'client.updated', 'act.updated']);
	});

	test('a custom value that is no event name stops activation before anything is sent', async () => {
		const krebit = new FakeWebhooks();
		const t = trigger({ events: [], customEvents: 'https://evil.example' });
		await expect(t.hook('create')).rejects.toThrow('is not a Krebit event name');
		expect(krebit.calls).toEqual([]);
	});

	test('no event chosen: activation says to pick one, nothing is sent', async () => {
		const krebit = new FakeWebhooks();
		const t = trigger({ events: [], customEvents: ' ' });
		await expect(t.hook('create')).rejects.toThrow('Choose at least one Krebit event to listen to');
		expect(krebit.calls).toEqual([]);
	});

	test('Krebit making a webhook without a signing secret: it is deleted again and activation fails', async () => {
		nock(KREBIT).get('/api/1.0/webhooks').query(true).reply(200, { data: [] });
		const scope = nock(KREBIT)
			.post('/api/1.0/webhooks')
			.reply(201, { data: { id: 555, event: 'act.created', target: PRODUCTION_URL } });
		const removed = nock(KREBIT).delete('/api/1.0/webhooks/555').reply(204);
		const t = trigger({ events: ['act.created'] });
		await expect(t.hook('create')).rejects.toThrow('Krebit made the "act.created" webhook without a signing secret');
		scope.done();
		removed.done();
		expect(stored(t)).toEqual([]);
	});

	test('an event unselected since the last activation: checkExists false, create removes it at Krebit', async () => {
		const krebit = new FakeWebhooks();
		const before = trigger();
		await before.hook('create');
		const after = trigger({ events: ['act.created'] });
		Object.assign(after.staticData, before.staticData);
		expect(await after.hook('checkExists')).toBe(false);
		await after.hook('create');
		expect(krebit.subscriptions.map((s) => s.event)).toEqual(['act.created']);
		expect(stored(after).map((s) => s.event)).toEqual(['act.created']);
		expect(await after.hook('checkExists')).toBe(true);
	});
});
