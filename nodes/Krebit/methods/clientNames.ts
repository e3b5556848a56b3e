import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';

import { recordBody } from '../../shared/transport/answers';
import { krebitRequest } from '../../shared/transport/request';
import { CLIENT } from '../../shared/records';
import { addSingleRecord, cachedList, singleRecords } from './recordCache';
import { listKey, readMore, SEARCH_BUDGET } from './cachedReads';

/** Clients fetched one by one per Act picker load, for names the client cache does not hold yet. */
export const CLIENT_LOOKUPS_PER_LOAD = 10;

/**
 * Company names for the Act picker, which Krebit lists with `client_id` only. Names come from
 * the Client picker's cache (the same tenant and credential); a search by company name first
 * reads the client list into it (at most one search budget of pages, nothing while it is
 * cached), and labels of clients still unknown are fetched by ID, a few per load.
 */
export class ClientNames {
	private readonly byId = new Map<string, IDataObject>();

	private constructor(
		private readonly context: ILoadOptionsFunctions,
		private readonly singles: Map<string, IDataObject>,
	) {}

	static async load(context: ILoadOptionsFunctions, origin: string, forSearch: boolean): Promise<ClientNames> {
		const list = cachedList(await listKey(context, origin, CLIENT.listPath));
		const singles = singleRecords(await listKey(context, origin, `${CLIENT.listPath}/{id}`));
		if (forSearch) {
			let pages = 0;
			try {
				while (!list.complete && !list.full && pages < SEARCH_BUDGET.pagesPerSearch) {
					pages += await readMore(context, CLIENT, list, SEARCH_BUDGET.pagesPerSearch - pages);
				}
			} catch {
				// A credential that may not read clients still searches acts, by their own fields.
			}
		}
		const names = new ClientNames(context, singles);
		for (const client of list.records) if (client.id !== undefined) names.byId.set(String(client.id), client);
		return names;
	}

	/** The client with this ID, if known. */
	get(id: unknown): IDataObject | undefined {
		if (id === undefined || id === null) return undefined;
		return this.byId.get(String(id)) ?? this.singles.get(String(id));
	}

	/** Fetches up to CLIENT_LOOKUPS_PER_LOAD of these clients not known yet, at once. */
	async lookUp(ids: unknown[]) {
		const unknown = [...new Set(ids.filter((id) => id !== undefined && id !== null).map(String))]
			.filter((id) => /^\d{1,12}$/.test(id) && !this.byId.has(id) && !this.singles.has(id))
			.slice(0, CLIENT_LOOKUPS_PER_LOAD);
		await Promise.all(
			unknown.map(async (id) => {
				const client = await krebitRequest(this.context, {
					method: 'GET',
					path: `/clients/${id}`,
					itemIndex: 0,
					action: 'Get a client',
				}).then(
					(body) => recordBody(body),
					// A client that cannot be read leaves the act labelled by its client ID.
					() => undefined,
				);
				const record = client && typeof client.data === 'object' && client.data !== null ? (client.data as IDataObject) : client;
				addSingleRecord(this.singles, id, record ?? { id });
			}),
		);
	}
}
