import { sleep } from 'n8n-workflow';

import { boundedConcurrency, DEFAULT_CONCURRENCY, runPool, type PoolControl } from '../../../nodes/shared/transport/pool';

/** Lets every pending promise chain move on (a timer turn). */
const settle = async () => await sleep(1);

/** Lets promise chains move on until `condition` holds (or fails the test after 500 turns). */
async function until(condition: () => boolean) {
	for (let i = 0; i < 500 && !condition(); i++) await sleep(1);
	expect(condition()).toBe(true);
}

/** A wait the test releases by hand, recording what was asked. */
function manualWait() {
	const asked: number[] = [];
	let release: () => void = () => undefined;
	let gate = new Promise<void>((resolve) => (release = resolve));
	return {
		asked,
		wait: async (ms: number) => {
			asked.push(ms);
			await gate;
		},
		release: () => {
			release();
			gate = new Promise<void>((resolve) => (release = resolve));
		},
	};
}

/** Tasks that count how many run at once and log when each starts. */
function tracker() {
	const state = { running: 0, peak: 0, starts: [] as number[], runningAtStart: [] as number[] };
	const begin = (task: number) => {
		state.running++;
		state.peak = Math.max(state.peak, state.running);
		state.starts.push(task);
		state.runningAtStart.push(state.running);
	};
	const end = () => state.running--;
	return { state, begin, end };
}

describe('runPool', () => {
	test.each([[1], [4], [10]])('runs 30 tasks with at most %i at once, starting them in order', async (concurrency) => {
		const { state, begin, end } = tracker();
		const results = await runPool({
			count: 30,
			concurrency,
			run: async (task) => {
				begin(task);
				await settle();
				end();
				return `result ${task}`;
			},
		});
		expect(results).toEqual(Array.from({ length: 30 }, (_, i) => `result ${i}`));
		expect(state.starts).toEqual(Array.from({ length: 30 }, (_, i) => i));
		expect(state.peak).toBe(concurrency);
	});

	test('the concurrency is 4 by default and kept within 1 to 10', () => {
		expect(boundedConcurrency(undefined)).toBe(DEFAULT_CONCURRENCY);
		expect(DEFAULT_CONCURRENCY).toBe(4);
		expect(boundedConcurrency(0)).toBe(1);
		expect(boundedConcurrency(25)).toBe(10);
		expect(boundedConcurrency(Number.NaN)).toBe(4);
	});

	test('a rate-limited task pauses every start, halves the pool, and is tried again', async () => {
		const clock = manualWait();
		const { state, begin, end } = tracker();
		const attempts = new Map<number, number>();
		const run = async (task: number, pool: PoolControl) => {
			for (;;) {
				const attempt = (attempts.get(task) ?? 0) + 1;
				attempts.set(task, attempt);
				begin(task);
				await settle();
				end();
				if (task === 5 && attempt === 1) {
					await pool.rateLimited(1000);
					continue;
				}
				return task;
			}
		};
		const done = runPool({ count: 16, concurrency: 4, run, wait: clock.wait });
		await until(() => clock.asked.length === 1);
		expect(clock.asked).toEqual([1000]);
		// The tasks that were running finish; nothing new starts while paused.
		await until(() => state.running === 0);
		const startsDuringPause = state.starts.length;
		await settle();
		await settle();
		expect(state.starts.length).toBe(startsDuringPause);

		clock.release();
		const results = await done;
		expect(results).toEqual(Array.from({ length: 16 }, (_, i) => i));
		expect(attempts.get(5)).toBe(2);
		// After the pause: task 5 again, and never more than 2 at once.
		expect(state.starts.slice(startsDuringPause)).toContain(5);
		expect(Math.max(...state.runningAtStart.slice(startsDuringPause))).toBe(2);
	});

	test('a burst of 429s from tasks already running halves the pool once, down to 1 at the least', async () => {
		const clock = manualWait();
		const { state, begin, end } = tracker();
		const limited = new Set<number>();
		const run = async (task: number, pool: PoolControl) => {
			begin(task);
			await settle();
			end();
			if (task < 4 && !limited.has(task)) {
				limited.add(task);
				await pool.rateLimited(500);
			}
			return task;
		};
		const done = runPool({ count: 12, concurrency: 4, run, wait: clock.wait });
		await until(() => clock.asked.length === 4);
		expect(clock.asked).toEqual([500, 500, 500, 500]);
		clock.release();
		await settle();
		clock.release();
		await done;
		// Four 429s of one burst: 4 -> 2, not 4 -> 1.
		expect(Math.max(...state.runningAtStart.slice(4))).toBe(2);

		const single = tracker();
		let first = true;
		await runPool({
			count: 6,
			concurrency: 1,
			run: async (task, pool) => {
				single.begin(task);
				await settle();
				single.end();
				if (first) {
					first = false;
					await pool.rateLimited(0);
				}
				return task;
			},
			wait: async () => undefined,
		});
		expect(single.state.peak).toBe(1);
		expect(single.state.starts).toEqual([0, 1, 2, 3, 4, 5]);
	});

	test('the first failure stops new starts and is thrown once the running tasks have finished', async () => {
		const { state, begin, end } = tracker();
		const finished: number[] = [];
		const outcome = runPool({
			count: 20,
			concurrency: 4,
			run: async (task) => {
				begin(task);
				await settle();
				if (task === 6) {
					end();
					throw new Error('page 7 failed');
				}
				if (task === 7) await settle();
				end();
				finished.push(task);
				return task;
			},
		});
		await expect(outcome).rejects.toThrow('page 7 failed');
		expect(state.running).toBe(0);
		expect(finished).toContain(7);
		expect(Math.max(...state.starts)).toBeLessThan(10);
	});

	test('wantsMore false stops starting tasks; results of tasks never started stay empty', async () => {
		let started = 0;
		const results = await runPool({
			count: 10,
			concurrency: 2,
			wantsMore: () => started < 3,
			run: async (task) => {
				started++;
				await settle();
				return task;
			},
		});
		expect(results).toEqual([0, 1, 2, undefined, undefined, undefined, undefined, undefined, undefined, undefined]);
	});
});
