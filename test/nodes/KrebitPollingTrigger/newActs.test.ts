import nock from 'nock';

import { act, FakeClock, FakeFeed } from '../../harness/fake-feed';
import { FakeTokenServer } from '../../harness/token-server';
import { keysOf, poller } from './helpers';

afterAll(() => nock.restore());

function actFeed(options: Partial<ConstructorParameters<typeof FakeFeed>[1]> = {}) {
	return new FakeFeed('/acts', { order: 'newestFirst', orderBy: 'created_at', filterParam: 'client_id', ...options });
}

/** A New Act trigger, activated over a Krebit that already has one act. */
async function activeNewActTrigger() {
	const clock = new FakeClock();
	const krebit = actFeed().add(act(clock));
	const trigger = poller({ event: 'newAct' });
	await trigger.activate();
	return { clock, krebit, trigger, before: trigger.saved };
}

describe('New Act', () => {
	test('the first poll after activation emits nothing; a poll with nothing new emits nothing', async () => {
		const clock = new FakeClock();
		const krebit = actFeed().add(act(clock), act(clock), act(clock));
		const trigger = poller({ event: 'newAct' });

		expect(await trigger.activate()).toEqual({});
		expect(trigger.nodeStaticData().cursor).toMatchObject({ scope: 'newAct' });
		expect(await trigger.poll()).toEqual({});
		expect(krebit.takePages()).toEqual([1, 1]);
	});

	test('3 acts created between polls: exactly those 3, oldest first, as Krebit lists them with event beside', async () => {
		const clock = new FakeClock();
		const krebit = actFeed().add(act(clock), act(clock));
		const trigger = poller({ event: 'newAct' });
		await trigger.activate();

		const created = [act(clock), act(clock, 8), act(clock)];
		krebit.add(...created);
		const { items } = await trigger.poll();

		expect(items).toEqual(created.map((record) => ({ ...record, event: 'act.created' })));
		expect(await trigger.poll()).toEqual({});
	});

	test('more new acts than one page holds: all of them, once, reading only as far back as needed', async () => {
		const clock = new FakeClock();
		const krebit = actFeed().add(...Array.from({ length: 120 }, () => act(clock)));
		const trigger = poller({ event: 'newAct' });
		await trigger.activate();
		krebit.takePages();

		const created = Array.from({ length: 130 }, () => act(clock));
		krebit.add(...created);
		const { items } = await trigger.poll();

		expect(keysOf(items)).toEqual(keysOf(created));
		// 250 acts, 50 a page, newest first: the 130 new ones fill pages 1-3.
		expect(krebit.takePages()).toEqual([1, 2, 3]);
		expect(await trigger.poll()).toEqual({});
	});

	test('a failing poll (500) emits nothing and keeps the cursor; the next poll catches up, nothing lost or repeated', async () => {
		const { clock, krebit, trigger, before } = await activeNewActTrigger();

		const first = [act(clock), act(clock)];
		krebit.add(...first).answerNext(500);
		const failed = await trigger.poll();
		expect(failed.items).toBeUndefined();
		expect(failed.error?.message).toBe('Server Error (Krebit answered 500 to List acts for "New Act")');
		expect(trigger.saved).toBe(before);

		const second = act(clock);
		krebit.add(second);
		expect(keysOf((await trigger.poll()).items)).toEqual(keysOf([...first, second]));
		expect(await trigger.poll()).toEqual({});
	});

	test('a poll that fails half-way (network error on page 2) moves nothing; the next one emits all 70', async () => {
		const { clock, krebit, trigger, before } = await activeNewActTrigger();

		const created = Array.from({ length: 70 }, () => act(clock));
		krebit.add(...created).answerNext('ok', 'network');
		const failed = await trigger.poll();
		expect(failed.items).toBeUndefined();
		expect(failed.error?.message).toMatch(/^List acts for "New Act" failed: The connection to the server was closed unexpectedly/);
		expect(trigger.saved).toBe(before);

		expect(keysOf((await trigger.poll()).items)).toEqual(keysOf(created));
		expect(await trigger.poll()).toEqual({});
	});

	test('429 until the retries run out: the poll fails with the rate-limit hint, the next catches up', async () => {
		const { clock, krebit, trigger } = await activeNewActTrigger();

		const created = act(clock);
		krebit.add(created).answerNext(429, 429, 429, 429);
		const failed = await trigger.poll();
		expect(failed.error?.message).toBe('Too Many Attempts. (Krebit answered 429 to List acts for "New Act" after 4 attempts)');
		expect(failed.error?.description).toMatch(/rate limiting/);

		expect(keysOf((await trigger.poll()).items)).toEqual(keysOf([created]));
	});

	test('401 even after a token refresh: the poll fails with the reconnect hint and keeps the cursor', async () => {
		const { clock, krebit, trigger, before } = await activeNewActTrigger();

		new FakeTokenServer('/api/oauth/token');
		const created = act(clock);
		krebit.add(created).answerNext(401, 401, 401);
		const failed = await trigger.poll();
		expect(failed.error?.message).toBe('Unauthenticated. (Krebit answered 401 to List acts for "New Act")');
		expect(failed.error?.description).toMatch(/reconnect it/);
		expect(trigger.saved).toBe(before);

		expect(keysOf((await trigger.poll()).items)).toEqual(keysOf([created]));
	});

	test('activation fails with the reconnect hint when Krebit refuses the credential', async () => {
		new FakeTokenServer('/api/oauth/token', 'not-the-stored-one');
		actFeed().answerNext(401, 401);
		const trigger = poller({ event: 'newAct' });
		await expect(trigger.activate()).rejects.toThrow('The credential "Krebit account" needs to be reconnected.');
	});

	test('for one client: only that client\'s acts, with client_id sent to Krebit', async () => {
		const clock = new FakeClock();
		const krebit = actFeed().add(act(clock, 7), act(clock, 8));
		const trigger = poller({ event: 'newAct', clientId: '7' });
		await trigger.activate();

		const mine = [act(clock, 7), act(clock, 7)];
		krebit.add(mine[0], act(clock, 8), mine[1], act(clock, 9));
		expect(keysOf((await trigger.poll()).items)).toEqual(keysOf(mine));
		expect(krebit.requests.every((request) => request.query.client_id === '7')).toBe(true);
	});

	test('for one client, when Krebit ignores client_id: the other clients\' acts are still left out', async () => {
		const clock = new FakeClock();
		const krebit = actFeed({ filterParam: undefined }).add(act(clock, 7), act(clock, 8));
		const trigger = poller({ event: 'newAct', clientId: '7' });
		await trigger.activate();

		const mine = act(clock, 7);
		krebit.add(act(clock, 8), mine, act(clock, 8));
		expect(keysOf((await trigger.poll()).items)).toEqual(keysOf([mine]));
		expect(await trigger.poll()).toEqual({});
	});

	test('acts level in time with ones already emitted are emitted once each', async () => {
		const clock = new FakeClock();
		const krebit = actFeed();
		const trigger = poller({ event: 'newAct' });
		await trigger.activate();

		const first = act(clock);
		krebit.add(first);
		expect(keysOf((await trigger.poll()).items)).toEqual(keysOf([first]));

		const sameSecond = act(clock, 7, { created_at: first.created_at });
		krebit.add(sameSecond);
		expect(keysOf((await trigger.poll()).items)).toEqual(keysOf([sameSecond]));
		expect(await trigger.poll()).toEqual({});
	});

	test('an act that shows up late, older than the newest already emitted, is still emitted once', async () => {
		const { clock, krebit, trigger } = await activeNewActTrigger();
		const early = clock.tick();

		const newer = act(clock);
		krebit.add(newer);
		expect(keysOf((await trigger.poll()).items)).toEqual(keysOf([newer]));

		// Its transaction committed after `newer` was listed, though it was created before.
		const late = act(clock, 7, { created_at: early });
		krebit.add(late);
		expect(keysOf((await trigger.poll()).items)).toEqual(keysOf([late]));
		expect(await trigger.poll()).toEqual({});
	});

	test('a list that is oldest first works too: the new acts, oldest first, from the last pages', async () => {
		const clock = new FakeClock();
		const krebit = actFeed({ order: 'oldestFirst' }).add(...Array.from({ length: 180 }, () => act(clock)));
		const trigger = poller({ event: 'newAct' });
		await trigger.activate();
		expect(krebit.takePages()).toEqual([1, 4]);

		const created = Array.from({ length: 60 }, () => act(clock));
		krebit.add(...created);
		expect(keysOf((await trigger.poll()).items)).toEqual(keysOf(created));
		expect(krebit.takePages()).toEqual([1, 5, 4]);
		expect(await trigger.poll()).toEqual({});
	});

	test('a list without meta or links (a bare data array) works too', async () => {
		const clock = new FakeClock();
		const krebit = actFeed({ meta: false }).add(...Array.from({ length: 60 }, () => act(clock)));
		const trigger = poller({ event: 'newAct' });
		await trigger.activate();

		const created = Array.from({ length: 3 }, () => act(clock));
		krebit.add(...created);
		expect(keysOf((await trigger.poll()).items)).toEqual(keysOf(created));
		expect(await trigger.poll()).toEqual({});
	});

	test('an empty list at activation: every act that appears later is new', async () => {
		const clock = new FakeClock();
		const krebit = actFeed();
		const trigger = poller({ event: 'newAct' });
		await trigger.activate();
		expect(await trigger.poll()).toEqual({});

		const created = [act(clock), act(clock)];
		krebit.add(...created);
		expect(keysOf((await trigger.poll()).items)).toEqual(keysOf(created));
	});
});
