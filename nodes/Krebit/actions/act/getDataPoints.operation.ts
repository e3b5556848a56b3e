import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import { krebitRequest, unwrapList } from '../../../shared/transport/request';
import { idParameter } from '../common';
import { recordLocator } from '../recordLocator';
import { ACT } from '../records';
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
					description: 'Each data point with its ID, name, type and value',
				},
				{
					name: 'One Item with Name: Value',
					value: 'object',
					description: 'A single item like {"Revenue": 1200000, "Employees": 12}',
				},
			],
		},
	],
	async execute(itemIndex) {
		const uuid = idParameter.call(this, 'actId', itemIndex, 'Act UUID');
		const body = await krebitRequest(this, {
			method: 'GET',
			path: `/acts/${uuid}/data`,
			itemIndex,
			action: `Get the data points of act ${uuid}`,
			notFound: `No act with UUID ${uuid} in this Krebit organization`,
		});
		const list = unwrapList(body);
		if (!list) {
			throw new NodeOperationError(this.getNode(), `Krebit did not answer with a list of data points for act ${uuid}`, {
				description: 'The answer had no "data" array. Check the act UUID; if it is right, contact Krebit support.',
				itemIndex,
			});
		}
		if (this.getNodeParameter('output', itemIndex, 'items') === 'items') return list.records;

		return nameValueObject(list.records);
	},
};

/**
 * `{ name: value }` for the data points, in their order. Names are plain keys: `constructor` or
 * `toString` are not taken for earlier names (only names already used count), and `__proto__`
 * becomes a key of its own rather than the object's prototype. Two points may share a name;
 * the later ones get " (2)", " (3)", … rather than be lost.
 */
export function nameValueObject(points: IDataObject[]): IDataObject {
	const values: IDataObject = {};
	const used = new Set<string>();
	for (const point of points) {
		const base = String(point.name ?? point.id ?? '');
		let key = base;
		for (let n = 2; used.has(key); n++) key = `${base} (${n})`;
		used.add(key);
		Object.defineProperty(values, key, { value: point.value ?? null, enumerable: true, writable: true, configurable: true });
	}
	return values;
}
