// Waiting, for everything that drives the sandbox and n8n from outside: one pause, and one poll.

export const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/** Polls `check` every `everyMs` until it returns a truthy value or `ms` pass; returns the last value. */
export async function eventually(check, ms = 30_000, everyMs = 250) {
	const deadline = Date.now() + ms;
	let value;
	while (Date.now() < deadline) {
		value = await check();
		if (value) return value;
		await sleep(everyMs);
	}
	return value;
}
