import nock from 'nock';

import { KrebitPollingTrigger } from '../../../nodes/KrebitPollingTrigger/KrebitPollingTrigger.node';
import { act, client, FakeClock, FakeFeed, signing } from '../../harness/fake-feed';
import { KrebitHarness } from '../../harness/krebit-harness';
import { keysOf, poller } from './helpers';

afterAll(() => nock.restore());

function actFeed() {
	return new FakeFeed('/acts', { order: 'newestFirst', orderBy: 'created_at', filterParam: 'client_id' });
}

describe('Fetch Test Event (manual mode)', () => {
	test('returns the newest act and leaves the cursor as it was: the next poll still emits it', async () => {
		const clock = new FakeClock();
		const krebit = actFeed().add(act(clock));
		const trigger = poller({ event: 'newAct' });
		await trigger.activate();
		const saved = trigger.saved;

		const newest = act(clock);
		krebit.add(act(clock, 7, { created_at: clock.current() }), newest);
		const manual = await trigger.fetchTestEvent();
		expect(manual.error('Krebit Polling Trigger')).toBeUndefined();
		expect(manual.json('Krebit Polling Trigger')).toEqual([{ ...newest, event: 'act.created' }]);
		expect(manual.staticDataAfter).toBe(saved);
		expect(trigger.saved).toBe(saved);

		expect((await trigger.poll()).items).toHaveLength(2);
	});

	test('for one client: that client\'s newest act, even when newer acts of others fill the first page', async () => {
		const clock = new FakeClock();
		const mine = act(clock, 7);
		const krebit = new FakeFeed('/acts', { order: 'newestFirst', orderBy: 'created_at' });
		krebit.add(mine, ...Array.from({ length: 60 }, () => act(clock, 8)));
		const manual = await poller({ event: 'newAct', clientId: '7' }).fetchTestEvent();
		expect(keysOf(manual.json('Krebit Polling Trigger'))).toEqual([mine.uuid]);
	});

	test('no acts yet: a clear error saying what to do', async () => {
		actFeed();
		const manual = await poller({ event: 'newAct' }).fetchTestEvent();
		expect(manual.error('Krebit Polling Trigger')?.message).toBe('No acts in Krebit yet; create one and try again');
	});

	test('New Client: the newest client of a list that is oldest first', async () => {
		new FakeFeed('/clients', { order: 'oldestFirst', orderBy: 'id' }).add(...Array.from({ length: 120 }, (_, i) => client(i + 1)));
		const manual = await poller({ event: 'newClient' }).fetchTestEvent();
		expect(manual.json('Krebit Polling Trigger')).toEqual([{ ...client(120), event: 'client.created' }]);
	});

	test('Signing Status Changed: the most recently updated signing', async () => {
		const clock = new FakeClock();
		const [older, updated, newer] = [signing(clock, 'sent'), signing(clock, 'sent'), signing(clock, 'draft')];
		const krebit = new FakeFeed('/signings', { order: 'newestFirst', orderBy: 'created_at' }).add(older, updated, newer);
		krebit.update(updated.id as string, { status: 'completed', updated_at: clock.tick() });
		const manual = await poller({ event: 'signingStatusChanged' }).fetchTestEvent();
		expect(manual.json('Krebit Polling Trigger')).toEqual([
			{ ...updated, event: 'signing.status_changed', previous_status: null },
		]);
	});
});

describe('as n8n runs it', () => {
	test('in one running process (no restarts) the same acts come once, as after restarts', async () => {
		const clock = new FakeClock();
		const krebit = actFeed().add(act(clock));
		const trigger = poller({ event: 'newAct' }, { keepRunning: true });
		await trigger.activate();

		const first = [act(clock), act(clock)];
		krebit.add(...first);
		expect(keysOf((await trigger.poll()).items)).toEqual(keysOf(first));
		const second = act(clock);
		krebit.add(second);
		expect(keysOf((await trigger.poll()).items)).toEqual(keysOf([second]));
		expect(await trigger.poll()).toEqual({});

		trigger.restart();
		expect(await trigger.poll()).toEqual({});
	});

	test('the cursor is saved when a poll emits (before its run starts) and survives a restart', async () => {
		const clock = new FakeClock();
		const krebit = actFeed().add(act(clock));
		const trigger = poller({ event: 'newAct' }, { keepRunning: true });
		await trigger.activate();
		const afterActivation = trigger.saved;

		krebit.add(act(clock));
		expect((await trigger.poll()).items).toHaveLength(1);
		expect(trigger.saved).not.toBe(afterActivation);

		trigger.restart();
		await trigger.activate('init');
		expect(await trigger.poll()).toEqual({});
	});

	test('if n8n saved only polls that emit: after a restart nothing is lost or repeated (New Act for one client)', async () => {
		const clock = new FakeClock();
		const krebit = new FakeFeed('/acts', { order: 'newestFirst', orderBy: 'created_at' }).add(act(clock, 7));
		const trigger = poller({ event: 'newAct', clientId: '7' }, { keepRunning: true, savesPollsThatEmitNothing: false });
		await trigger.activate();

		// Acts of other clients move the cursor's floor in polls that emit nothing.
		for (let i = 0; i < 3; i++) {
			krebit.add(act(clock, 8), act(clock, 9));
			expect(await trigger.poll()).toEqual({});
		}
		trigger.restart();
		const mine = act(clock, 7);
		krebit.add(mine, act(clock, 8));
		expect(keysOf((await trigger.activate('init')).items)).toEqual([mine.uuid]);
		expect(await trigger.poll()).toEqual({});
	});

	test('if n8n saved only polls that emit: a signing seen as a draft, then sent after a restart, comes once', async () => {
		const clock = new FakeClock();
		const krebit = new FakeFeed('/signings', { order: 'newestFirst', orderBy: 'created_at' }).add(signing(clock, 'sent'));
		const trigger = poller({ event: 'signingStatusChanged' }, { keepRunning: true, savesPollsThatEmitNothing: false });
		await trigger.activate();

		const draft = signing(clock, 'draft');
		krebit.add(draft);
		expect(await trigger.poll()).toEqual({});
		trigger.restart();
		krebit.update(draft.id as string, { status: 'sent', updated_at: clock.tick() });
		const { items } = await trigger.activate('init');
		expect(items?.map((item) => [item.id, item.status])).toEqual([[draft.id, 'sent']]);
		expect(await trigger.poll()).toEqual({});
	});

	test('two overlapping polls of one process emit the new acts once', async () => {
		const clock = new FakeClock();
		const krebit = actFeed().add(act(clock));
		const trigger = poller({ event: 'newAct' }, { keepRunning: true });
		await trigger.activate();

		const created = [act(clock), act(clock)];
		krebit.add(...created);
		const outcomes = await trigger.overlappingPolls();
		expect(outcomes.map((outcome) => keysOf(outcome.items))).toEqual([keysOf(created)]);
		expect(await trigger.poll()).toEqual({});
	});

	test('switching the event (or the client) starts afresh: no flood of old records', async () => {
		const clock = new FakeClock();
		actFeed().add(act(clock, 7), act(clock, 8));
		new FakeFeed('/signings', { order: 'newestFirst', orderBy: 'created_at' }).add(signing(clock), signing(clock));
		const harness = new KrebitHarness();
		const acts = poller({ event: 'newAct' }, { harness });
		await acts.activate();

		for (const parameters of [{ event: 'newAct', clientId: '7' }, { event: 'newSigning' }, { event: 'signingStatusChanged' }]) {
			const edited = poller(parameters, { harness });
			edited.saved = acts.saved;
			expect(await edited.activate()).toEqual({});
			expect(await edited.poll()).toEqual({});
		}
	});

	test('the node is a polling trigger n8n can list', () => {
		const { description } = new KrebitPollingTrigger();
		expect(description).toMatchObject({
			name: 'krebitPollingTrigger',
			displayName: 'Krebit Polling Trigger',
			group: ['trigger'],
			polling: true,
			inputs: [],
			credentials: [{ name: 'krebitOAuth2Api', required: true }],
		});
		expect(description.usableAsTool).toBeUndefined();
		expect(description.properties.find((p) => p.name === 'event')?.options).toHaveLength(4);
	});
});
