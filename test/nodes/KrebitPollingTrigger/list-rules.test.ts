import type { IDataObject } from 'n8n-workflow';
import nock from 'nock';

import { act, client, FakeClock, FakeFeed, signing } from '../../harness/fake-feed';
import { keysOf, poller } from './helpers';

afterAll(() => nock.restore());

const HOUR = 60 * 60 * 1000;
const clientRange = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => client(from + i));

describe('case 3: one future-dated record does not hide the later ones', () => {
	test.each([
		['New Act', 'newAct', '/acts', act],
		['New Signing', 'newSigning', '/signings', (clock: FakeClock, _client?: number, overrides?: IDataObject) => signing(clock, 'draft', overrides)],
	] as const)('%s: the act an hour ahead is emitted once, and the three made afterwards too', async (_name, event, path, make) => {
		// Stamps around the real time of the poll: the cursor is capped by it.
		const clock = new FakeClock(Date.now() - 30 * 60 * 1000);
		const krebit = new FakeFeed(path, { order: 'newestFirst', orderBy: 'created_at' }).add(make(clock));
		const trigger = poller({ event });
		await trigger.activate();

		const ahead = make(clock, 7, { created_at: new Date(Date.now() + HOUR).toISOString() });
		krebit.add(ahead);
		expect(keysOf((await trigger.poll()).items)).toEqual(keysOf([ahead]));

		// Made after that poll, stamped by a correct clock.
		const stamp = (msAgo: number) => ({ created_at: new Date(Date.now() - msAgo).toISOString() });
		const later = [make(clock, 7, stamp(3)), make(clock, 7, stamp(2)), make(clock, 7, stamp(1))];
		krebit.add(...later);
		expect(keysOf((await trigger.poll()).items)).toEqual(keysOf(later));
		expect(await trigger.poll()).toEqual({});
	});
});

describe('case 4: a too-high last_page does not cost one request per claimed page', () => {
	test('New Client, 80 clients, meta.last_page 400: activation and each poll read 2 or 3 pages', async () => {
		const krebit = new FakeFeed('/clients', { order: 'oldestFirst', orderBy: 'id', claimedLastPage: 400 }).add(...clientRange(1, 80));
		const trigger = poller({ event: 'newClient' });

		expect(await trigger.activate()).toEqual({});
		expect(krebit.takePages().length).toBeLessThanOrEqual(3);

		krebit.add(client(81));
		expect(keysOf((await trigger.poll()).items)).toEqual([81]);
		expect(krebit.takePages().length).toBeLessThanOrEqual(3);
		expect(await trigger.poll()).toEqual({});
		expect(krebit.takePages().length).toBeLessThanOrEqual(3);
	});

	test('New Client walking back from the end stops at empty pages instead of reading each one', async () => {
		// 1,000 clients; meta claims 30 pages of 50 where there are 20 (total says 1,000).
		const krebit = new FakeFeed('/clients', { order: 'oldestFirst', orderBy: 'id', claimedLastPage: 30 }).add(...clientRange(1, 1000));
		const trigger = poller({ event: 'newClient' });
		await trigger.activate();
		expect(krebit.takePages()).toEqual([1, 20, 19]);

		krebit.add(...clientRange(1001, 1010));
		expect(keysOf((await trigger.poll()).items)).toEqual(clientRange(1001, 1010).map((c) => c.id));
	});
});

describe('an idle poll stays small', () => {
	test('New Client without meta (1,000 clients): after activation, polls start from the last page, not page 1', async () => {
		const krebit = new FakeFeed('/clients', { order: 'oldestFirst', orderBy: 'id', meta: false }).add(...clientRange(1, 1000));
		const trigger = poller({ event: 'newClient' });
		await trigger.activate();
		// The first walk has nothing to start from: forward to the empty page after the last.
		expect(krebit.takePages()).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));

		expect(await trigger.poll()).toEqual({});
		expect(krebit.takePages()).toEqual([1, 20, 19, 21]);

		krebit.add(...clientRange(1001, 1130));
		expect(keysOf((await trigger.poll()).items)).toEqual(clientRange(1001, 1130).map((c) => c.id));
		expect(krebit.takePages()).toEqual([1, 20, 19, 21, 22, 23]);
		expect(await trigger.poll()).toEqual({});
		expect(krebit.takePages()).toEqual([1, 23, 22]);
	});
});

describe('case 5: a signing deleted during a read makes no change appear', () => {
	test.each([[true], [false]])('120 signings (meta %s), one deleted between the reads of page 1 and page 2: no item now or on the next poll', async (meta) => {
		const clock = new FakeClock();
		const all = Array.from({ length: 120 }, () => signing(clock, 'sent'));
		const krebit = new FakeFeed('/signings', { order: 'newestFirst', orderBy: 'created_at', meta }).add(...all);
		const trigger = poller({ event: 'signingStatusChanged' });
		await trigger.activate();

		const deleted = all[all.length - 5]; // on page 1 (newest first)
		krebit.afterAnswer = (page) => {
			if (page === 1 && krebit.records.includes(deleted)) krebit.remove(deleted.id as string);
		};
		expect(await trigger.poll()).toEqual({});
		expect(await trigger.poll()).toEqual({});

		const changed = all[0];
		krebit.update(changed.id as string, { status: 'completed', updated_at: clock.tick() });
		expect((await trigger.poll()).items?.map((item) => [item.id, item.previous_status, item.status])).toEqual([
			[changed.id, 'sent', 'completed'],
		]);
	});

	test('New Act: an act deleted between the reads of page 1 and page 2 does not cost the new act that moved onto page 1', async () => {
		// The deleted act was served on page 1 before it went, so it comes too.
		const clock = new FakeClock();
		const krebit = new FakeFeed('/acts', { order: 'newestFirst', orderBy: 'created_at' }).add(act(clock));
		const trigger = poller({ event: 'newAct' });
		await trigger.activate();

		const created = Array.from({ length: 120 }, () => act(clock));
		krebit.add(...created);
		const deleted = created[created.length - 3];
		krebit.afterAnswer = (page) => {
			if (page === 1 && krebit.records.includes(deleted)) krebit.remove(deleted.uuid as string);
		};
		expect(keysOf((await trigger.poll()).items)).toEqual(keysOf(created));
		expect(await trigger.poll()).toEqual({});
	});
});

describe('the walk has the same rules as Get Many', () => {
	test('nonsense meta (last_page 0) with links.next: New Act still finds the new acts on page 2', async () => {
		const clock = new FakeClock();
		const krebit = new FakeFeed('/acts', { order: 'newestFirst', orderBy: 'created_at', claimedLastPage: 0 }).add(act(clock));
		const trigger = poller({ event: 'newAct' });
		await trigger.activate();

		const created = Array.from({ length: 70 }, () => act(clock));
		krebit.add(...created);
		expect(keysOf((await trigger.poll()).items)).toEqual(keysOf(created));
	});

	test('a server that never ends stops the poll at the page cap with an error, emitting nothing', async () => {
		let served = 0;
		const base = Date.parse('2026-12-01T08:00:00Z');
		nock('https://acme.krebit.se')
			.get('/api/1.0/signings')
			.query(true)
			.reply(() => {
				const data = Array.from({ length: 100 }, () => {
					served++;
					const at = new Date(base - served * 1000).toISOString();
					return { id: `s-${served}`, status: 'sent', created_at: at, updated_at: at };
				});
				return [200, { data, links: { next: 'https://acme.krebit.se/api/1.0/signings?page=next' } }];
			})
			.persist();
		const trigger = poller({ event: 'signingStatusChanged' });

		await expect(trigger.activate()).rejects.toThrow(
			'List signings for "Signing Status Changed" failed: Krebit did not end the list within 1,000 pages',
		);
	}, 120_000);
});
