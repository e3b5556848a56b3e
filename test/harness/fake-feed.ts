import type { IDataObject } from 'n8n-workflow';
import nock from 'nock';

import { KREBIT } from './krebit-harness';

/** How the next request is answered: normally, with this status, or with a network error. */
export type PlannedAnswer = 'ok' | number | 'network';

export interface FeedOptions {
	/** The order Krebit lists the records in. */
	order: 'newestFirst' | 'oldestFirst';
	/** The field the order is by. */
	orderBy: 'created_at' | 'id';
	/** The most records per page, whatever `limit` asks (Krebit's sandbox caps at 50). */
	cap?: number;
	/** Laravel paginator `meta` and `links` (default true). */
	meta?: boolean;
	/** Filter by this query parameter when it is sent (`client_id` for acts). */
	filterParam?: string;
	/** `meta.last_page` to claim instead of the true one (a server whose meta is wrong). */
	claimedLastPage?: number;
}

/**
 * A Krebit list that changes between polls, as nock: records are added and updated by the
 * test, pages are capped, every request is recorded, and the next answers can be planned
 * (a 500, a 429, a network error, …).
 */
export class FakeFeed {
	readonly records: IDataObject[] = [];

	readonly requests: Array<{ page: number; query: Record<string, string> }> = [];

	private readonly plan: PlannedAnswer[] = [];

	/** Called after each page is answered (to change the list while a read is under way). */
	afterAnswer?: (page: number) => void;

	constructor(
		readonly path: string,
		private readonly options: FeedOptions,
	) {
		nock(KREBIT)
			.get(`/api/1.0${path}`)
			.query(true)
			.reply((uri, _body, callback) => {
				const answer = this.plan.shift() ?? 'ok';
				if (answer === 'network') {
					callback(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), [0, '']);
					return;
				}
				const reply = this.answer(uri, answer);
				this.afterAnswer?.(Number(new URL(uri, KREBIT).searchParams.get('page') ?? 1));
				callback(null, reply);
			})
			.persist();
	}

	add(...records: IDataObject[]): this {
		this.records.push(...records);
		return this;
	}

	remove(id: string | number): this {
		const index = this.records.findIndex((r) => (r.id ?? r.uuid) === id);
		if (index < 0) throw new Error(`No record ${id} in the fake ${this.path}`);
		this.records.splice(index, 1);
		return this;
	}

	update(id: string | number, changes: IDataObject): this {
		const record = this.records.find((r) => (r.id ?? r.uuid) === id);
		if (!record) throw new Error(`No record ${id} in the fake ${this.path}`);
		Object.assign(record, changes);
		return this;
	}

	/** The next requests are answered like this, in order; later ones normally. */
	answerNext(...answers: PlannedAnswer[]): this {
		this.plan.push(...answers);
		return this;
	}

	/** The pages asked for since the last call. */
	takePages(): number[] {
		return this.requests.splice(0).map((request) => request.page);
	}

	private sorted(query: Record<string, string>): IDataObject[] {
		const { filterParam, orderBy, order } = this.options;
		const wanted = filterParam ? query[filterParam] : undefined;
		const matching = wanted === undefined ? [...this.records] : this.records.filter((r) => String(r[filterParam!]) === wanted);
		const key = (record: IDataObject) => (orderBy === 'id' ? Number(record.id) : Date.parse(String(record.created_at)));
		// Stable sort: records level in time stay in insertion order (oldest first).
		matching.sort((a, b) => key(a) - key(b));
		return order === 'newestFirst' ? matching.reverse() : matching;
	}

	private answer(uri: string, answer: PlannedAnswer): [number, IDataObject, Record<string, string>] {
		const query = Object.fromEntries(new URL(uri, KREBIT).searchParams);
		const page = Number(query.page ?? 1);
		this.requests.push({ page, query });
		if (typeof answer === 'number') {
			const message = { 401: 'Unauthenticated.', 429: 'Too Many Attempts.' }[answer] ?? 'Server Error';
			return [answer, { message }, { 'Retry-After': '0' }];
		}
		const all = this.sorted(query);
		const perPage = Math.min(Number(query.limit ?? 15), this.options.cap ?? 50);
		const start = (page - 1) * perPage;
		const data = all.slice(start, start + perPage).map((record) => ({ ...record }));
		if (this.options.meta === false) return [200, { data }, {}];
		const lastPage = Math.max(1, Math.ceil(all.length / perPage));
		return [
			200,
			{
				data,
				meta: { current_page: page, last_page: this.options.claimedLastPage ?? lastPage, per_page: perPage, total: all.length },
				links: { next: page < lastPage ? `${KREBIT}/api/1.0${this.path}?page=${page + 1}` : null },
			},
			{},
		];
	}
}

/** A clock for created_at/updated_at values: every tick is a minute later, unless told otherwise. */
export class FakeClock {
	/** `start`: milliseconds since 1970 (default 2026-12-01 08:00 UTC). */
	constructor(private now = Date.parse('2026-12-01T08:00:00Z')) {}

	tick(seconds = 60): string {
		this.now += seconds * 1000;
		return this.current();
	}

	current(): string {
		return new Date(this.now).toISOString().replace('.000Z', '.000000Z');
	}
}

let serial = 0;

/** An act as Krebit lists it (UUID key, created_at). */
export function act(clock: FakeClock, clientId = 7, overrides: IDataObject = {}): IDataObject {
	serial++;
	const createdAt = clock.tick();
	return {
		uuid: `9b1d6f3e-0000-4000-8000-${String(serial).padStart(12, '0')}`,
		client_id: clientId,
		template_id: 3,
		template_name: 'Kreditprövning företag',
		amount: 250000,
		currency: 'SEK',
		language: 'sv',
		created_at: createdAt,
		updated_at: createdAt,
		...overrides,
	};
}

/** A client as Krebit's list gives it (essential fields only; numeric id). */
export function client(id: number): IDataObject {
	return {
		id,
		company_name: `Lindqvist Logistik AB ${id}`,
		org_number: `55${String(6000000 + id).padStart(8, '0')}`,
		country: 'SE',
		updated_at: '2026-11-01T12:00:00.000000Z',
	};
}

/** A signing as Krebit Sign lists it. */
export function signing(clock: FakeClock, status = 'draft', overrides: IDataObject = {}): IDataObject {
	serial++;
	const createdAt = clock.tick();
	return {
		id: `5e0c2a4b-0000-4000-9000-${String(serial).padStart(12, '0')}`,
		name: `Avtal ${serial}`,
		status,
		language: 'SV',
		signing_order: 'sequential',
		created_at: createdAt,
		updated_at: createdAt,
		...overrides,
	};
}
