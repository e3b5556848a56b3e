import nock from 'nock';

import { client, FakeClock, FakeFeed, signing } from '../../harness/fake-feed';
import { MAX_SEEN } from '../../../nodes/KrebitPollingTrigger/newRecords';
import { keysOf, poller } from './helpers';

afterAll(() => nock.restore());

const clientRange = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => client(from + i));

describe('New Client (Krebit lists clients oldest first)', () => {
	test('130 new clients across pages: 130 items, once, oldest first', async () => {
		const krebit = new FakeFeed('/clients', { order: 'oldestFirst', orderBy: 'id' }).add(...clientRange(1, 20));
		const trigger = poller({ event: 'newClient' });
		await trigger.activate();

		const created = clientRange(21, 150);
		krebit.add(...created);
		const { items } = await trigger.poll();

		expect(items).toEqual(created.map((record) => ({ ...record, event: 'client.created' })));
		expect(await trigger.poll()).toEqual({});
	});

	test('a long client list is read from its end: page 1 for last_page, then back only as far as needed', async () => {
		const krebit = new FakeFeed('/clients', { order: 'oldestFirst', orderBy: 'id' }).add(...clientRange(1, 1000));
		const trigger = poller({ event: 'newClient' });
		await trigger.activate();
		expect(krebit.takePages()).toEqual([1, 20, 19]);

		krebit.add(...clientRange(1001, 1130));
		expect((await trigger.poll()).items).toHaveLength(130);
		// 1,130 clients, 50 a page: 23 pages. The walk stops at the page below the cursor.
		expect(krebit.takePages()).toEqual([1, 23, 22, 21, 20, 19]);

		expect(await trigger.poll()).toEqual({});
		expect(krebit.takePages()).toEqual([1, 23, 22]);
	});

	test('more new clients than the ids remembered: each emitted once, and the stored ids stay bounded', async () => {
		const krebit = new FakeFeed('/clients', { order: 'oldestFirst', orderBy: 'id' }).add(...clientRange(1, 10));
		const trigger = poller({ event: 'newClient' });
		await trigger.activate();

		krebit.add(...clientRange(11, 1210));
		expect(keysOf((await trigger.poll()).items)).toEqual(clientRange(11, 1210).map((c) => c.id));
		const cursor = trigger.nodeStaticData().cursor as { seen: unknown[]; floor: number };
		expect(cursor.seen.length).toBeLessThanOrEqual(MAX_SEEN);
		expect(cursor.floor).toBeGreaterThan(1210 - MAX_SEEN);

		krebit.add(client(1211));
		expect(keysOf((await trigger.poll()).items)).toEqual([1211]);
		expect(await trigger.poll()).toEqual({});
	});

	test('client ids sent as strings work too', async () => {
		const krebit = new FakeFeed('/clients', { order: 'oldestFirst', orderBy: 'id' }).add(
			...clientRange(1, 3).map((c) => ({ ...c, id: String(c.id) })),
		);
		const trigger = poller({ event: 'newClient' });
		await trigger.activate();
		krebit.add({ ...client(4), id: '4' });
		expect(keysOf((await trigger.poll()).items)).toEqual(['4']);
	});

	test('a client list without numeric ids stops the poll with a clear error, emitting nothing', async () => {
		new FakeFeed('/clients', { order: 'oldestFirst', orderBy: 'id' }).add({ ...client(1), id: 'abc' });
		const trigger = poller({ event: 'newClient' });
		await expect(trigger.activate()).rejects.toThrow('Krebit listed clients without a readable "id"');
	});
});

describe('New Signing', () => {
	test('signings created between polls are emitted once, oldest first', async () => {
		const clock = new FakeClock();
		const krebit = new FakeFeed('/signings', { order: 'newestFirst', orderBy: 'created_at' }).add(signing(clock));
		const trigger = poller({ event: 'newSigning' });
		await trigger.activate();

		const created = [signing(clock), signing(clock, 'sent')];
		krebit.add(...created);
		expect((await trigger.poll()).items).toEqual(created.map((record) => ({ ...record, event: 'signing.created' })));
		expect(await trigger.poll()).toEqual({});
	});
});
