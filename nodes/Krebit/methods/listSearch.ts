import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { ACT, CLIENT, SIGNING, TEMPLATE, WEBHOOK, type RecordKind } from '../../shared/records';
import { childListSearch } from './childLists';
import { searchRecords } from './searchRecords';

function searchOf(kind: RecordKind) {
	return async function (
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		return await searchRecords(this, kind, filter, paginationToken);
	};
}

/** The "From List" searches of the Krebit node, by the method name each parameter names. */
export const listSearch = {
	...Object.fromEntries([CLIENT, ACT, SIGNING, TEMPLATE, WEBHOOK].map((kind) => [kind.searchMethod, searchOf(kind)])),
	...childListSearch,
};
