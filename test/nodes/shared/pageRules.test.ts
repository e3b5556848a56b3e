import type { IDataObject } from 'n8n-workflow';

import { endsWith, pageOf, pagesToReadAgain, trustedPageCount } from '../../../nodes/shared/lists/pageRules';

const records = (count: number, from = 1): IDataObject[] => Array.from({ length: count }, (_, i) => ({ id: from + i }));
const firstPage = (count: number, meta: IDataObject, next?: string | null) =>
	pageOf(1, records(count), meta, next === undefined ? undefined : { next });

describe('the page count meta may be trusted for', () => {
	test.each([
		['last_page and total agree', { last_page: 3, total: 250, per_page: 100 }, 3],
		['total and per_page alone', { total: 250, per_page: 100 }, 3],
		['last_page alone', { last_page: 7 }, 7],
		['more pages claimed than total allows: total wins', { last_page: 400, total: 80, per_page: 50 }, 2],
	] as Array<[string, IDataObject, number]>)('%s', (_how, meta, pages) => {
		expect(trustedPageCount(firstPage(Math.min(100, Number(meta.per_page ?? 100)), meta))).toBe(pages);
	});

	test.each([
		['last_page 0', { last_page: 0, total: 250, per_page: 100 }],
		['a negative total', { total: -1, per_page: 100 }],
		['total 0 beside records', { total: 0, per_page: 100 }],
		['a total below the records shown', { total: 20, per_page: 100 }],
		['fewer pages claimed than total needs', { last_page: 2, total: 250, per_page: 100 }],
		['last_page as a fraction', { last_page: 2.5 }],
		['per_page below the records shown', { last_page: 3, per_page: 10 }],
	])('not: %s', (_how, meta) => {
		expect(trustedPageCount(firstPage(100, meta))).toBeUndefined();
	});

	test('not: one page claimed while links.next names another', () => {
		expect(trustedPageCount(firstPage(100, { last_page: 1 }, 'https://acme.krebit.se/api/1.0/clients?page=2'))).toBeUndefined();
	});

	test('not: a first page shorter than per_page with more pages claimed', () => {
		expect(trustedPageCount(firstPage(40, { last_page: 3, per_page: 100 }))).toBeUndefined();
	});
});

describe('where a list ends', () => {
	test('an empty page ends it, whatever meta says', () => {
		expect(endsWith(pageOf(4, [], { last_page: 9 }), 9, 100)).toBe(true);
	});
	test('without a count: links.next, else a page shorter than the ones before', () => {
		expect(endsWith(pageOf(2, records(100), undefined, { next: null }), undefined, 100)).toBe(true);
		expect(endsWith(pageOf(2, records(100), undefined, { next: 'x' }), undefined, 100)).toBe(false);
		expect(endsWith(pageOf(2, records(30)), undefined, 100)).toBe(true);
		expect(endsWith(pageOf(1, records(30)), undefined, 0)).toBe(false);
	});
});

describe('pages read again when the list moved', () => {
	test('the page read first of two neighbours with different totals', () => {
		const read = (number: number, total: number) => pageOf(number, records(50, number * 50), { total });
		expect(pagesToReadAgain([read(1, 120), read(2, 119), read(3, 119)])).toEqual([1]);
		expect(pagesToReadAgain([read(3, 120), read(2, 121)])).toEqual([3]);
		expect(pagesToReadAgain([read(1, 120), read(2, 120)])).toEqual([]);
	});
});
