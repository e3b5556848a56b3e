import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { krebitRequest, unwrapList } from '../../shared/transport/request';

const SEARCH_PAGE_SIZE = 100;

/** Clients for the "From List" picker: one page at a time, filtered by name or org number. */
export async function searchClients(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = Number(paginationToken) || 1;
	const body = await krebitRequest(this, {
		method: 'GET',
		path: '/clients',
		qs: { limit: SEARCH_PAGE_SIZE, page },
		itemIndex: 0,
		action: 'List clients',
	});
	const records = unwrapList(body)?.records ?? [];
	const needle = (filter ?? '').trim().toLowerCase();
	const matches = (client: IDataObject) =>
		!needle || [client.company_name, client.org_number, client.id].some((v) => String(v ?? '').toLowerCase().includes(needle));
	return {
		results: records.filter(matches).map((client) => ({
			name: client.org_number ? `${client.company_name} (${client.org_number})` : String(client.company_name ?? client.id),
			value: String(client.id),
		})),
		paginationToken: records.length > 0 && records.length >= SEARCH_PAGE_SIZE ? String(page + 1) : undefined,
	};
}
