import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { DATA_POINT, DOCUMENT, RECIPIENT, type ChildKind } from '../actions/childRecords';
import { isValidId, recordId } from '../../shared/records';
import { krebitList } from '../../shared/transport/pagination';
import { krebitRequest, unwrapList } from '../../shared/transport/request';

/**
 * "From List" for a record inside another one: reads the parent chosen above it in the node
 * (a signing, an act) and lists its children, matching the search text in n8n. These lists are
 * short (a signing's recipients, an act's data points), so one load holds them all.
 */
async function searchChildren(context: ILoadOptionsFunctions, kind: ChildKind, filter?: string): Promise<INodeListSearchResult> {
	const raw = context.getCurrentNodeParameter(kind.parentParameter, { extractValue: true }) as unknown;
	const parentId = String(raw ?? '').trim();
	// No parent chosen yet (or an expression n8n cannot resolve here): nothing to list.
	if (!isValidId(undefined, parentId)) return { results: [] };
	const path = kind.childPath(parentId);
	const action = `List the ${kind.noun}s of ${kind.parent.noun} ${parentId}`;
	const records = kind.paged
		? await krebitList(context, { path, itemIndex: 0, action, returnAll: true })
		: (unwrapList(await krebitRequest(context, { method: 'GET', path, itemIndex: 0, action }))?.records ?? []);
	const wanted = (filter ?? '').trim().toLowerCase();
	const results = records
		.filter((record) => !wanted || kind.searchText(record).some((value) => String(value ?? '').toLowerCase().includes(wanted)))
		.map((record) => ({ name: kind.label(record), value: recordId(kind, record) }));
	return { results };
}

function searchOf(kind: ChildKind) {
	return async function (this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		return await searchChildren(this, kind, filter);
	};
}

/** The child-record searches, by the method name each parameter names. */
export const childListSearch = Object.fromEntries([RECIPIENT, DOCUMENT, DATA_POINT].map((kind) => [kind.searchMethod, searchOf(kind)]));
