import { sleep } from 'n8n-workflow';
import nock from 'nock';

import { authorizationCodeCredential, KREBIT } from '../../harness/krebit-harness';
import { krebitHarness, runKrebit } from '../Krebit/helpers';

/**
 * Krebit's 429 with Retry-After is honoured by the whole n8n process, per tenant: requests of
 * other nodes and workflows to that tenant wait too, requests to other tenants do not.
 */

const getCurrentUser = { resource: 'user', operation: 'getCurrent' };
const OTHER = 'https://othertenant.krebit.se';

interface Arrival {
	at: number;
	inFlight: number;
}

/** GET /me at `origin`: the first answer is `first` (if given), then 200 after `delayMs`. */
function meAt(origin: string, first?: { status: number; retryAfter: string }, delayMs = 0) {
	const arrivals: Arrival[] = [];
	let inFlight = 0;
	let limitedAt = 0;
	let resolveLimited: () => void = () => undefined;
	const limited = new Promise<void>((resolve) => (resolveLimited = resolve));
	nock(origin)
		.get('/api/1.0/me')
		.reply(async () => {
			inFlight++;
			arrivals.push({ at: Date.now(), inFlight });
			if (first && arrivals.length === 1) {
				inFlight--;
				limitedAt = Date.now();
				resolveLimited();
				return [first.status, { message: 'Too Many Attempts.' }, { 'Retry-After': first.retryAfter }];
			}
			await sleep(delayMs);
			inFlight--;
			return [200, { data: { id: arrivals.length, name: 'Ada' } }];
		})
		.persist();
	return { arrivals, limited, limitedAt: () => limitedAt };
}

const pause = sleep;

test("a 429 with Retry-After 1 pauses every request to that tenant, from every workflow, until it has passed; another tenant's are not held", async () => {
	const acme = meAt(KREBIT, { status: 429, retryAfter: '1' });
	const other = meAt(OTHER);

	const first = runKrebit(getCurrentUser);
	await acme.limited;
	// Let n8n hand the 429 to the node, then start other workflows' requests.
	await pause(50);
	const others = [runKrebit(getCurrentUser), runKrebit(getCurrentUser), runKrebit(getCurrentUser)];
	const elsewhere = await runKrebit(getCurrentUser, undefined, {
		harness: krebitHarness(authorizationCodeCredential({ organization: 'othertenant' })),
	});
	const runs = await Promise.all([first, ...others]);

	for (const run of runs) expect(run.error('Krebit')).toBeUndefined();
	expect(elsewhere.json('Krebit')).toEqual([{ id: 1, name: 'Ada' }]);
	expect(acme.arrivals).toHaveLength(5);
	const pauseEnds = acme.limitedAt() + 1000;
	// Timers may fire a millisecond early; nothing reached the tenant during the pause.
	for (const arrival of acme.arrivals.slice(1)) expect(arrival.at).toBeGreaterThanOrEqual(pauseEnds - 5);
	expect(other.arrivals[0].at).toBeLessThan(pauseEnds);
});

test('after a 429 the tenant gets at most 2 requests at once for a while, and every request still succeeds', async () => {
	const acme = meAt(KREBIT, { status: 429, retryAfter: '0' }, 30);
	const first = runKrebit(getCurrentUser);
	await acme.limited;
	await pause(50);
	const runs = await Promise.all([first, ...Array.from({ length: 8 }, async () => await runKrebit(getCurrentUser))]);

	for (const run of runs) expect(run.error('Krebit')).toBeUndefined();
	expect(acme.arrivals).toHaveLength(10);
	expect(Math.max(...acme.arrivals.map((arrival) => arrival.inFlight))).toBe(2);
});
