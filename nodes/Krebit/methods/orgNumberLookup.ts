import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';

import { ListReader } from '../../shared/lists/listReader';
import { normalizeOrgNumber, orgNumberQueries } from '../actions/client/orgNumber';
import { listKey, SEARCH_BUDGET } from './cachedReads';
import { addSingleRecord, singleRecords } from './recordCache';

/** Where the cache notes that this tenant's Krebit ignored the org-number filter (never an org number). */
const FILTER_IGNORED = '';

/** A whole Swedish organization number, with or without its century: 10 or 12 digits. */
const WHOLE_ORG_NUMBER = /^\d{10}(\d{2})?$/;

/** Whether a client has the org number typed, "-" and spaces aside. */
export function sameOrgNumber(client: IDataObject, typed: string): boolean {
	return normalizeOrgNumber(client.org_number) === normalizeOrgNumber(typed);
}

/**
 * A Client picker search for a whole org number asks Krebit's org-number lookup (one request)
 * instead of reading the client list page by page. Answers are kept with the picker cache (same
 * age, per tenant and credential), so a repeated search sends nothing. Undefined when the search
 * is no whole org number, or when Krebit ignores the filter (it listed other clients; kept, so
 * later searches read the list at once): the caller then searches the list as before.
 */
export async function clientsByOrgNumber(context: ILoadOptionsFunctions, origin: string, typed: string): Promise<IDataObject[] | undefined> {
	const wanted = normalizeOrgNumber(typed);
	if (!WHOLE_ORG_NUMBER.test(wanted)) return undefined;
	const answers = singleRecords(await listKey(context, origin, '/clients?org_number='));
	if (answers.has(FILTER_IGNORED)) return undefined;
	const kept = answers.get(wanted);
	if (kept) return kept.matches as IDataObject[];

	for (const orgNumber of orgNumberQueries(typed)) {
		const source = { path: '/clients', qs: { org_number: orgNumber }, itemIndex: 0, action: `Look up the client with org number ${orgNumber}`, pageSize: SEARCH_BUDGET.pageSize };
		const { records } = await new ListReader(context, source).read(1);
		// Only exact matches count, so the answer is right whether or not Krebit filters.
		const matches = records.filter((client) => normalizeOrgNumber(client.org_number) === wanted);
		if (records.length > matches.length) {
			addSingleRecord(answers, FILTER_IGNORED, {});
			return matches.length > 0 ? matches : undefined;
		}
		if (matches.length > 0) {
			addSingleRecord(answers, wanted, { matches });
			return matches;
		}
	}
	// Krebit filters and no form matched: no client has this org number.
	addSingleRecord(answers, wanted, { matches: [] });
	return [];
}
