import type { IDataObject } from 'n8n-workflow';
import nock from 'nock';

import { KREBIT } from './krebit-harness';

const NAMES = ['Bergström Bygg', 'Lindqvist Logistik', 'Åkesson & Söner', 'Nordin Data', 'Sjöberg Trä', 'Ekman Elteknik'];

/** Swedish companies as Krebit lists them: numeric ids, org numbers, SEK credit limits. */
export function clients(count: number): IDataObject[] {
	return Array.from({ length: count }, (_, i) => ({
		id: i + 1,
		company_name: `${NAMES[i % NAMES.length]} AB ${i + 1}`,
		org_number: `55${String(6000000 + i).padStart(8, '0')}`,
		country: 'SE',
		credit_limit: 10000 * ((i % 50) + 1),
		currency: 'SEK',
		rating: ['A', 'B', 'C'][i % 3],
		contact_email: `ekonomi${i + 1}@example.se`,
		created_at: '2026-01-15T09:00:00Z',
		updated_at: '2026-11-01T12:00:00Z',
	}));
}

export interface ListServerOptions {
	/** Laravel paginator `meta` and `links` in each page. */
	meta?: boolean;
	/** The most records the server returns per page, whatever `limit` asks. */
	cap?: number;
	/** Answer these request numbers (1-based) with 429 and this Retry-After first. */
	rateLimitOn?: Record<number, string>;
	/** Query parameters the server filters by (equal after removing "-" and spaces); others it ignores. */
	filterBy?: string[];
}

const compact = (value: unknown) => String(value ?? '').replace(/[\s-]/g, '');

/** A paginated Krebit list endpoint (`limit`, 1-based `page`), counting every request. */
export class FakeList {
	readonly requests: Array<{ page: number; limit: number; query: Record<string, string> }> = [];

	constructor(path: string, private readonly records: IDataObject[], private readonly options: ListServerOptions = {}) {
		nock(KREBIT)
			.get(`/api/1.0${path}`)
			.query(true)
			.reply((uri) => this.answer(uri))
			.persist();
	}

	private answer(uri: string): [number, IDataObject, Record<string, string>?] {
		const query = Object.fromEntries(new URL(uri, KREBIT).searchParams);
		const requestNumber = this.requests.length + 1;
		const retryAfter = this.options.rateLimitOn?.[requestNumber];
		const page = Number(query.page ?? 1);
		const limit = Number(query.limit ?? 15);
		this.requests.push({ page, limit, query });
		if (retryAfter !== undefined) {
			delete this.options.rateLimitOn?.[requestNumber];
			return [429, { message: 'Too Many Attempts.' }, { 'Retry-After': retryAfter }];
		}
		const filters = (this.options.filterBy ?? []).filter((name) => query[name] !== undefined);
		const records = this.records.filter((record) => filters.every((name) => compact(record[name]) === compact(query[name])));
		const perPage = Math.min(limit, this.options.cap ?? Infinity);
		const start = (page - 1) * perPage;
		const data = records.slice(start, start + perPage);
		if (!this.options.meta) return [200, { data }];
		const lastPage = Math.max(1, Math.ceil(records.length / perPage));
		return [
			200,
			{
				data,
				meta: {
					current_page: page,
					last_page: lastPage,
					per_page: perPage,
					total: records.length,
					from: data.length ? start + 1 : null,
					to: data.length ? start + data.length : null,
				},
				links: { next: page < lastPage ? `${KREBIT}/api/1.0/x?page=${page + 1}` : null },
			},
		];
	}
}
