import { NodeApiError, NodeOperationError, type IDataObject, type INode, type JsonObject } from 'n8n-workflow';

/**
 * This n8n process's view of Krebit's webhook list, one per tenant, client id and credential:
 * callers that ask at the same time share one list request, and a caller that accepts a list a
 * few seconds old gets the last one without asking Krebit. A list is never served to another
 * credential (a second credential of the same app may be another Krebit user with other roles).
 * This process's own writes to a tenant make every view of that tenant stale at once; a list
 * that was in flight while one of them ran is never kept. No timers: ages are Date.now()
 * differences, and memory is bounded by MAX_VIEWS lists.
 */

/** How old a kept list may be for callers that accept one (checkExists at start-up). */
export const VIEW_MAX_AGE_MS = 5_000;

/** Views remembered at most; the least recently used goes first. */
const MAX_VIEWS = 100;

/** Which view a caller reads: the tenant's origin, and the app and credential within it. */
export interface ViewKey {
	origin: string;
	clientId: string;
	credentialId: string;
}

interface Flight {
	sentAt: number;
	/** The tenant's write count when the list was asked for, and whether no write was running then. */
	writes: number;
	quiet: boolean;
	records?: IDataObject[];
	promise?: Promise<IDataObject[]>;
}

interface View {
	kept?: Flight;
	current?: Flight;
	/** A list asked for by callers that came while `current` was in flight and want a newer one. */
	next?: Promise<IDataObject[]>;
}

interface TenantWrites {
	count: number;
	running: number;
}

const views = new Map<string, View>();
const writesByTenant = new Map<string, TenantWrites>();

function writesOf(origin: string): TenantWrites {
	let writes = writesByTenant.get(origin);
	if (!writes) {
		writes = { count: 0, running: 0 };
		writesByTenant.set(origin, writes);
		for (const [other, each] of writesByTenant) {
			if (writesByTenant.size <= MAX_VIEWS) break;
			if (each.running === 0 && other !== origin) writesByTenant.delete(other);
		}
	}
	return writes;
}

/** Whether no write of this process to the tenant ran while the list was read. */
function untouched(flight: Flight, origin: string): boolean {
	return flight.quiet && flight.writes === writesOf(origin).count;
}

function viewOf(key: ViewKey): View {
	const id = JSON.stringify([key.origin, key.clientId, key.credentialId]);
	const view = views.get(id) ?? {};
	views.delete(id);
	views.set(id, view);
	const now = Date.now();
	for (const [other, each] of views) {
		if (each.kept && now - each.kept.sentAt > VIEW_MAX_AGE_MS) each.kept = undefined;
		if (views.size > MAX_VIEWS && other !== id && !each.current && !each.next) views.delete(other);
	}
	return view;
}

function start(view: View, origin: string, load: () => Promise<IDataObject[]>): Promise<IDataObject[]> {
	const writes = writesOf(origin);
	const flight: Flight = { sentAt: Date.now(), writes: writes.count, quiet: writes.running === 0 };
	view.current = flight;
	flight.promise = load()
		.then((records) => {
			flight.records = records;
			if (untouched(flight, origin)) view.kept = flight;
			return records;
		})
		.finally(() => {
			if (view.current === flight) view.current = undefined;
		});
	return flight.promise;
}

/** The same error, naming `node`: a shared request failed under another caller's node. */
function asOwn(error: unknown, node: INode): unknown {
	if (error instanceof NodeApiError && error.node !== node) {
		return new NodeApiError(node, (error.errorResponse ?? {}) as JsonObject, {
			message: error.message,
			description: error.description ?? undefined,
			httpCode: error.httpCode ?? undefined,
		});
	}
	if (error instanceof NodeOperationError && error.node !== node) {
		return new NodeOperationError(node, error.message, { description: error.description ?? undefined });
	}
	return error;
}

/**
 * Krebit's list for `key`. With `maxAgeMs` 0, a list asked for after this call began (shared
 * with every caller waiting for the same); otherwise a list at most `maxAgeMs` old, kept or in
 * flight, when no write of this process has happened since it was asked for.
 */
export async function viewedList(key: ViewKey, node: INode, maxAgeMs: number, load: () => Promise<IDataObject[]>): Promise<IDataObject[]> {
	const view = viewOf(key);
	const now = Date.now();
	const usable = (flight: Flight | undefined): flight is Flight =>
		flight !== undefined && now - flight.sentAt <= Math.min(maxAgeMs, VIEW_MAX_AGE_MS) && untouched(flight, key.origin);
	try {
		if (maxAgeMs > 0 && usable(view.kept)) return [...view.kept.records!];
		if (maxAgeMs > 0 && usable(view.current)) return [...(await view.current.promise!)];
		if (!view.current) return [...(await start(view, key.origin, load))];
		// The list in flight was asked for before this call: wait for the next one, shared.
		const running = view.current.promise!;
		view.next ??= running
			.catch(() => undefined)
			.then(() => {
				view.next = undefined;
				return start(view, key.origin, load);
			});
		return [...(await view.next)];
	} catch (error) {
		throw asOwn(error, node);
	}
}

/**
 * Runs one write of this process to the tenant (a create or a delete): every view of the tenant
 * is stale from its start, and lists in flight meanwhile are not kept.
 */
export async function writingTo<T>(origin: string, write: () => Promise<T>): Promise<T> {
	const writes = writesOf(origin);
	writes.count += 1;
	writes.running += 1;
	try {
		return await write();
	} finally {
		writes.running -= 1;
		writes.count += 1;
	}
}

/** For tests: how many views and tenants' write counts are held. */
export function viewsHeld(): { views: number; tenants: number } {
	return { views: views.size, tenants: writesByTenant.size };
}

/** For tests: forgets every view and write count. */
export function forgetSubscriptionViews(): void {
	views.clear();
	writesByTenant.clear();
}
