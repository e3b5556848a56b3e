import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { krebitList, type ListRequest } from '../../shared/transport/pagination';
import { krebitRequest, unwrapRecord } from '../../shared/transport/request';
import { emptyIdHint, idLabelOf, idNameOf, invalidIdError, isValidId, type RecordKind } from '../../shared/records';
import { maxParallelRequests } from './listOptions';

/** Return All and Limit, as every n8n "Get Many" has them. */
export const returnAllAndLimit: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

/** Reads Return All / Limit and Options of item `itemIndex` and lists `path` accordingly. */
export async function listWithLimit(
	this: IExecuteFunctions,
	itemIndex: number,
	request: Omit<ListRequest, 'itemIndex' | 'returnAll' | 'limit'>,
): Promise<IDataObject[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	let limit: number | undefined;
	if (!returnAll) {
		const value = this.getNodeParameter('limit', itemIndex, 50) as unknown;
		limit = typeof value === 'string' && value.trim() !== '' ? Number(value) : (value as number);
		if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1) {
			throw new NodeOperationError(this.getNode(), `Limit ${JSON.stringify(value)} is not a whole number of 1 or more`, {
				description: `Set Limit to how many records you want, or turn on Return All.`,
				itemIndex,
			});
		}
	}
	const concurrency = maxParallelRequests.call(this, itemIndex);
	return await krebitList(this, { ...request, itemIndex, returnAll, limit, concurrency });
}


/**
 * An ID for a URL path, from a plain or resource-locator parameter: trimmed, non-empty, and
 * only letters, digits, `-` and `_`, so it cannot change the path it is put in.
 */
export function idParameter(this: IExecuteFunctions, name: string, itemIndex: number, kind: RecordKind): string {
	const raw = this.getNodeParameter(name, itemIndex, '', { extractValue: true }) as unknown;
	const id = String(raw ?? '').trim();
	if (!id) {
		throw new NodeOperationError(this.getNode(), `${idLabelOf(kind)} is empty`, { description: emptyIdHint(kind), itemIndex });
	}
	if (!isValidId(kind, id)) throw invalidIdError(this.getNode(), id, kind, { itemIndex });
	return id;
}

export interface RecordLookup {
	/** The parameter holding the ID, e.g. `actId`. */
	parameter: string;
	/** What is fetched, e.g. `act`, or `the latest act of client`. */
	what: string;
	/** The path for that ID, relative to /api/1.0. */
	path: (id: string) => string;
	/** The kind of record the parameter points at: names the ID in messages and checks it. */
	kind: RecordKind;
	/** What a 404 means, for that ID. Default: no such record in this organization. */
	notFound?: (id: string) => string;
}

/** GETs the one record a lookup names, for item `itemIndex`, wrapped or bare. */
export async function getRecord(this: IExecuteFunctions, itemIndex: number, lookup: RecordLookup): Promise<IDataObject> {
	const id = idParameter.call(this, lookup.parameter, itemIndex, lookup.kind);
	const body = await krebitRequest(this, {
		method: 'GET',
		path: lookup.path(id),
		itemIndex,
		action: `Get ${lookup.what} ${id}`,
		expect: 'record',
		notFound: lookup.notFound?.(id) ?? `No ${lookup.what} with ${idNameOf(lookup.kind)} ${id} in this Krebit organization`,
	});
	return unwrapRecord(body);
}
