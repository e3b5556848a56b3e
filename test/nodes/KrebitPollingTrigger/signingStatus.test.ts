import type { IDataObject } from 'n8n-workflow';
import nock from 'nock';

import { FakeClock, FakeFeed, signing } from '../../harness/fake-feed';
import { MAX_STATUSES } from '../../../nodes/KrebitPollingTrigger/statusChanges';
import { poller } from './helpers';

afterAll(() => nock.restore());

/** A Signing Status Changed trigger, activated over a Krebit that has these signings. */
async function activeStatusTrigger(...signings: IDataObject[]) {
	const krebit = new FakeFeed('/signings', { order: 'newestFirst', orderBy: 'created_at' }).add(...signings);
	const trigger = poller({ event: 'signingStatusChanged' });
	const activation = await trigger.activate();
	return { krebit, trigger, activation };
}

/** What a status-change item says: which signing, from what, to what. */
const transitions = (items: IDataObject[] | undefined) =>
	(items ?? []).map((item) => [item.id, item.previous_status, item.status, item.event]);

describe('Signing Status Changed', () => {
	test('a signing going draft → sent → completed across polls: two status-change items', async () => {
		const clock = new FakeClock();
		const agreement = signing(clock, 'draft');
		const { krebit, trigger, activation } = await activeStatusTrigger(signing(clock, 'sent'), agreement, signing(clock, 'completed'));
		expect(activation).toEqual({});

		krebit.update(agreement.id as string, { status: 'sent', updated_at: clock.tick() });
		const sent = await trigger.poll();
		expect(transitions(sent.items)).toEqual([[agreement.id, 'draft', 'sent', 'signing.status_changed']]);
		expect(sent.items![0]).toMatchObject({ name: agreement.name, created_at: agreement.created_at });

		expect(await trigger.poll()).toEqual({});

		krebit.update(agreement.id as string, { status: 'completed', updated_at: clock.tick() });
		expect(transitions((await trigger.poll()).items)).toEqual([[agreement.id, 'sent', 'completed', 'signing.status_changed']]);
		expect(await trigger.poll()).toEqual({});
	});

	test('an update that keeps the status (a reminder, a rename) emits nothing', async () => {
		const clock = new FakeClock();
		const agreement = signing(clock, 'sent');
		const { krebit, trigger } = await activeStatusTrigger(agreement);

		krebit.update(agreement.id as string, { name: 'Renamed', updated_at: clock.tick() });
		expect(await trigger.poll()).toEqual({});
	});

	test('signings created since the last poll: a draft is no change, one already sent is (previous status null)', async () => {
		const clock = new FakeClock();
		const { krebit, trigger } = await activeStatusTrigger(signing(clock));

		const draft = signing(clock, 'draft');
		const alreadySent = signing(clock, 'sent');
		krebit.add(draft, alreadySent);
		expect(transitions((await trigger.poll()).items)).toEqual([[alreadySent.id, null, 'sent', 'signing.status_changed']]);

		krebit.update(draft.id as string, { status: 'sent', updated_at: clock.tick() });
		expect(transitions((await trigger.poll()).items)).toEqual([[draft.id, 'draft', 'sent', 'signing.status_changed']]);
	});

	test('a change deep in the list (an old signing on page 3) is found: the whole list is read', async () => {
		const clock = new FakeClock();
		const old = signing(clock, 'sent');
		const { krebit, trigger } = await activeStatusTrigger(old, ...Array.from({ length: 120 }, () => signing(clock, 'completed')));
		krebit.takePages();

		krebit.update(old.id as string, { status: 'completed', updated_at: clock.tick() });
		expect(transitions((await trigger.poll()).items)).toEqual([[old.id, 'sent', 'completed', 'signing.status_changed']]);
		expect(krebit.takePages()).toEqual([1, 2, 3]);
	});

	test('changes of several signings come oldest update first', async () => {
		const clock = new FakeClock();
		const [a, b] = [signing(clock, 'sent'), signing(clock, 'sent')];
		const { krebit, trigger } = await activeStatusTrigger(a, b);

		krebit.update(b.id as string, { status: 'completed', updated_at: clock.tick() });
		krebit.update(a.id as string, { status: 'cancelled', updated_at: clock.tick() });
		expect(transitions((await trigger.poll()).items)).toEqual([
			[b.id, 'sent', 'completed', 'signing.status_changed'],
			[a.id, 'sent', 'cancelled', 'signing.status_changed'],
		]);
	});

	test('a failing poll, then a good one: the change is emitted once', async () => {
		const clock = new FakeClock();
		const agreement = signing(clock, 'sent');
		const { krebit, trigger } = await activeStatusTrigger(agreement);
		const before = trigger.saved;

		krebit.update(agreement.id as string, { status: 'completed', updated_at: clock.tick() }).answerNext(500);
		const failed = await trigger.poll();
		expect(failed.items).toBeUndefined();
		expect(failed.error?.message).toBe('Server Error (Krebit answered 500 to List signings for "Signing Status Changed")');
		expect(trigger.saved).toBe(before);

		expect(transitions((await trigger.poll()).items)).toEqual([[agreement.id, 'sent', 'completed', 'signing.status_changed']]);
		expect(await trigger.poll()).toEqual({});
	});

	test('more signings than statuses remembered: the least recently updated are forgotten, and a forgotten one that changes still comes', async () => {
		const clock = new FakeClock();
		const forgotten = signing(clock, 'sent');
		const { krebit, trigger } = await activeStatusTrigger(forgotten, ...Array.from({ length: MAX_STATUSES + 5 }, () => signing(clock, 'completed')));
		const cursor = trigger.nodeStaticData().cursor as { statuses: unknown[] };
		expect(cursor.statuses).toHaveLength(MAX_STATUSES);
		expect(await trigger.poll()).toEqual({});

		krebit.update(forgotten.id as string, { status: 'completed', updated_at: clock.tick() });
		expect(transitions((await trigger.poll()).items)).toEqual([[forgotten.id, null, 'completed', 'signing.status_changed']]);
		expect(await trigger.poll()).toEqual({});
	});
});
