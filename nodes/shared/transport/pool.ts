import { sleep } from 'n8n-workflow';

/** Requests in flight at once when the node does not say otherwise. */
export const DEFAULT_CONCURRENCY = 4;
export const MAX_CONCURRENCY = 10;

/** What a running task can ask of its pool. */
export interface PoolControl {
	/**
	 * The task was rate limited: no task of the pool starts anything for `delayMs`, the pool
	 * shrinks to half (at least 1), and this resolves when the pause is over, so the task can
	 * try again. 429s from tasks started before the last shrink are one burst: they extend the
	 * pause but do not shrink the pool again.
	 */
	rateLimited(delayMs: number): Promise<void>;
}

export interface PoolOptions<T> {
	/** Tasks are numbered 0 to count - 1 and started in that order. */
	count: number;
	/** How many tasks run at once at most, at the start (default DEFAULT_CONCURRENCY). */
	concurrency?: number;
	run(task: number, control: PoolControl): Promise<T>;
	/** Each result as it arrives (in the order tasks finish). */
	onResult?(task: number, value: T): void;
	/** Asked before each start: false starts no more tasks. */
	wantsMore?(): boolean;
	/** Waits `ms`; n8n-workflow's `sleep` unless a unit test gives its own. */
	wait?(ms: number): Promise<void>;
}

/** Clamps a wanted concurrency to 1 .. MAX_CONCURRENCY (a whole number). */
export function boundedConcurrency(wanted: number | undefined): number {
	if (wanted === undefined || !Number.isFinite(wanted)) return DEFAULT_CONCURRENCY;
	return Math.min(MAX_CONCURRENCY, Math.max(1, Math.floor(wanted)));
}

/**
 * Runs tasks with at most `concurrency` at once, starting them in order. Results come back
 * indexed by task (tasks never started, because `wantsMore` said no, stay empty). The first
 * task that fails stops new starts; the pool still waits for the tasks already running, then
 * rejects with that first error, so nothing keeps running after it returns.
 */
export async function runPool<T>(options: PoolOptions<T>): Promise<Array<T | undefined>> {
	const wait = options.wait ?? sleep;
	const results: Array<T | undefined> = new Array(options.count);
	let limit = boundedConcurrency(options.concurrency);
	let workers = Math.min(limit, options.count);
	let nextTask = 0;
	let stopped = false;
	let failure: { error: unknown } | undefined;
	let pause: Promise<void> = Promise.resolve();
	// Bumped at each shrink: a 429 from a task started before it belongs to the same burst.
	let generation = 0;

	const waitWhilePaused = async () => {
		for (let seen: Promise<void> | undefined; seen !== pause; ) {
			seen = pause;
			await seen;
		}
	};

	const runTask = async (task: number) => {
		let startedIn = generation;
		const control: PoolControl = {
			rateLimited: async (delayMs) => {
				if (startedIn === generation) {
					limit = Math.max(1, Math.floor(limit / 2));
					generation++;
				}
				const previous = pause;
				pause = Promise.all([previous, wait(Math.max(0, delayMs))]).then(() => undefined);
				await waitWhilePaused();
				startedIn = generation;
			},
		};
		return await options.run(task, control);
	};

	const worker = async () => {
		for (;;) {
			await waitWhilePaused();
			if (workers > limit || stopped || failure || nextTask >= options.count) break;
			if (options.wantsMore && !options.wantsMore()) {
				stopped = true;
				break;
			}
			const task = nextTask++;
			try {
				const value = await runTask(task);
				results[task] = value;
				options.onResult?.(task, value);
			} catch (error) {
				failure ??= { error };
			}
		}
		workers--;
	};

	await Promise.all(Array.from({ length: workers }, worker));
	if (failure) throw failure.error;
	return results;
}
