import { sleep } from 'n8n-workflow';

/**
 * One gate per Krebit tenant for the whole n8n process: a 429 from the tenant pauses every
 * request of ours to it until Retry-After has passed, not only the request that met it. For a
 * while after a 429 the tenant gets one request at a time, retries first, so many workflows
 * activated at once take turns instead of spending each other's retries. No timers: waiting is
 * n8n's `sleep`, and times are compared with Date.now().
 */

/** After a 429, the tenant gets at most CALM_CONCURRENCY requests at once for this long (extended by every 429). */
export const CALM_MS = 15_000;
export const CALM_CONCURRENCY = 2;

/** Tenants remembered at most; idle ones are dropped first. */
const MAX_TENANTS = 200;

interface Waiter {
	retry: boolean;
	admit: () => void;
}

interface TenantGate {
	pausedUntil: number;
	calmUntil: number;
	inFlight: number;
	queue: Waiter[];
	/** Whether a sleep until `pausedUntil` is already running to admit the queue afterwards. */
	sleeping: boolean;
}

const gates = new Map<string, TenantGate>();

function isIdle(gate: TenantGate, now: number): boolean {
	return gate.inFlight === 0 && gate.queue.length === 0 && !gate.sleeping && now >= gate.pausedUntil && now >= gate.calmUntil;
}

function gateOf(tenant: string): TenantGate {
	let gate = gates.get(tenant);
	if (gate) return gate;
	if (gates.size >= MAX_TENANTS) {
		const now = Date.now();
		for (const [key, each] of gates) {
			if (gates.size < MAX_TENANTS) break;
			if (isIdle(each, now)) gates.delete(key);
		}
	}
	gate = { pausedUntil: 0, calmUntil: 0, inFlight: 0, queue: [], sleeping: false };
	gates.set(tenant, gate);
	return gate;
}

function mayStart(gate: TenantGate, now: number): boolean {
	return now >= gate.pausedUntil && (now >= gate.calmUntil || gate.inFlight < CALM_CONCURRENCY);
}

/** Lets queued requests start while the gate allows; sleeps out a pause first. */
function admitQueued(gate: TenantGate): void {
	while (gate.queue.length > 0) {
		const now = Date.now();
		if (now < gate.pausedUntil) {
			if (!gate.sleeping) {
				gate.sleeping = true;
				void sleep(gate.pausedUntil - now).then(() => {
					gate.sleeping = false;
					admitQueued(gate);
				});
			}
			return;
		}
		if (!mayStart(gate, now)) return;
		gate.inFlight += 1;
		gate.queue.shift()!.admit();
	}
}

async function enter(gate: TenantGate, retry: boolean): Promise<void> {
	if (gate.queue.length === 0 && mayStart(gate, Date.now())) {
		gate.inFlight += 1;
		return;
	}
	await new Promise<void>((admit) => {
		const waiter = { retry, admit };
		// Retries go before first tries: a request that met a 429 already waited its turn.
		const at = retry ? gate.queue.findIndex((each) => !each.retry) : -1;
		if (at === -1) gate.queue.push(waiter);
		else gate.queue.splice(at, 0, waiter);
		admitQueued(gate);
	});
}

/** Pauses every request to `tenant` for `delayMs` (a later pause never shortens an earlier one). */
export function pauseTenant(tenant: string, delayMs: number, now = Date.now()): void {
	const gate = gateOf(tenant);
	gate.pausedUntil = Math.max(gate.pausedUntil, now + delayMs);
	gate.calmUntil = Math.max(gate.calmUntil, now + delayMs + CALM_MS);
}

/**
 * Sends through the tenant's gate. `pauseAfter` looks at the answer and gives how long Krebit
 * asked to wait (a 429), else undefined; the pause is set before the next request may start.
 */
export async function throughTenantGate<T>(
	tenant: string,
	retry: boolean,
	send: () => Promise<T>,
	pauseAfter: (answer: T) => number | undefined,
): Promise<T> {
	const gate = gateOf(tenant);
	await enter(gate, retry);
	try {
		const answer = await send();
		const delayMs = pauseAfter(answer);
		if (delayMs !== undefined) pauseTenant(tenant, delayMs);
		return answer;
	} finally {
		gate.inFlight -= 1;
		admitQueued(gate);
	}
}

/** For tests: forgets every tenant's pause. */
export function resetTenantGates(): void {
	gates.clear();
}
