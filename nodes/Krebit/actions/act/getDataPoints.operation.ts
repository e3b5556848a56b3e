import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import { krebitRequest, unwrapList, unwrapRecord } from '../../../shared/transport/request';
import { idParameter } from '../common';
import { recordLocator } from '../../../shared/recordLocator';
import { ACT } from '../../../shared/records';
import type { KrebitOperation } from '../types';

export const getActDataPoints: KrebitOperation = {
	value: 'getDataPoints',
	name: 'Get Data Points',
	action: "Get an act's data points",
	description: 'Get the data points (captured values) of an act',
	properties: [
		recordLocator(ACT, 'actId', 'The act (credit evaluation) whose data points to get'),
		{
			displayName: 'Output',
			name: 'output',
			type: 'options',
			default: 'items',
			options: [
				{
					name: 'One Item per Data Point',
					value: 'items',
					description: 'Each data point with its ID, name, type and value, and the act_uuid and client_id it belongs to',
				},
				{
					name: 'One Item with Name: Value',
					value: 'object',
					description: 'A single item like {"act_uuid": "…", "client_id": 42, "Revenue": 1200000, "Employees": 12}',
				},
			],
		},
	],
	async execute(itemIndex) {
		const uuid = idParameter.call(this, 'actId', itemIndex, ACT);
		// The data points do not name their act's client; the act does (read at the same time).
		const [body, act] = await Promise.all([
			krebitRequest(this, {
				method: 'GET',
				path: `/acts/${uuid}/data`,
				itemIndex,
				action: `Get the data points of act ${uuid}`,
				notFound: `No act with UUID ${uuid} in this Krebit organization`,
			}),
			krebitRequest(this, {
				method: 'GET',
				path: `/acts/${uuid}`,
				itemIndex,
				action: `Get act ${uuid}`,
				expect: 'record',
				notFound: `No act with UUID ${uuid} in this Krebit organization`,
			}).then(unwrapRecord),
		]);
		const list = unwrapList(body);
		if (!list) {
			throw new NodeOperationError(this.getNode(), `Krebit did not answer with a list of data points for act ${uuid}`, {
				description: 'The answer had no "data" array. Check the act UUID; if it is right, contact Krebit support.',
				itemIndex,
			});
		}
		// Every item says which act (and client) its values belong to, for the nodes after this one.
		const owner: IDataObject = { act_uuid: uuid, client_id: act.client_id ?? null };
		if (this.getNodeParameter('output', itemIndex, 'items') === 'items') return list.records.map((point) => ({ ...point, ...owner }));

		return { ...owner, ...nameValueObject(list.records, Object.keys(owner)) };
	},
};

/**
 * `{ name: value }` for the data points, in their order. Names are plain keys: `constructor` or
 * `toString` are not taken for earlier names (only names already used count), and `__proto__`
 * becomes a key of its own rather than the object's prototype. Two points may share a name;
 * the later ones get " (2)", " (3)", … rather than be lost; so do names in `taken` (keys the
 * item already holds, such as `act_uuid`).
 */
export function nameValueObject(points: IDataObject[], taken: string[] = []): IDataObject {
	const values: IDataObject = {};
	const used = new Set<string>(taken);
	for (const point of points) {
		const base = String(point.name ?? point.id ?? '');
		let key = base;
		for (let n = 2; used.has(key); n++) key = `${base} (${n})`;
		used.add(key);
		Object.defineProperty(values, key, { value: point.value ?? null, enumerable: true, writable: true, configurable: true });
	}
	return values;
}
