import { NodeOperationError, jsonParse, type IDataObject } from 'n8n-workflow';

import { krebitRequest, unwrapList } from '../../../shared/transport/request';
import { isJsonObject } from '../../../shared/values';
import { idParameter } from '../common';
import { recordLocator } from '../../../shared/recordLocator';
import { ACT } from '../../../shared/records';
import type { KrebitOperation } from '../types';
import { planUpdates, readDataPoints } from './dataPoints';
import { validateOption } from './updateDataPoint.operation';

export const updateActDataPoints: KrebitOperation = {
	value: 'updateDataPoints',
	name: 'Update Data Points',
	action: "Update several of an act's data points",
	description: 'Set several data points of an act at once, by name or ID, in one request',
	properties: [
		recordLocator(ACT, 'actId', 'The act (credit evaluation) to change'),
		{
			displayName: 'Values From',
			name: 'source',
			type: 'options',
			default: 'object',
			description: 'Where the data point names and values come from',
			options: [
				{
					name: 'Name: Value Object',
					value: 'object',
					description: 'An object like {"Omsättning": 1200000, "Riskklass": "B"} (names or IDs as keys)',
				},
				{
					name: 'Input Item',
					value: 'input',
					description: "The input item's fields whose names are data point names; other fields are skipped",
				},
			],
		},
		{
			displayName: 'Values',
			name: 'values',
			type: 'json',
			default: '{}',
			displayOptions: { show: { source: ['object'] } },
			description: 'Data point names (or IDs) and their new values, e.g. {"Omsättning": 1200000, "Godkänd": true}',
		},
		validateOption,
	],
	async execute(itemIndex) {
		const uuid = idParameter.call(this, 'actId', itemIndex, ACT);
		const source = this.getNodeParameter('source', itemIndex, 'object') as string;
		const validate = this.getNodeParameter('validate', itemIndex, true) as boolean;
		let values: IDataObject;
		if (source === 'input') {
			values = this.getInputData()[itemIndex]?.json ?? {};
		} else {
			const raw = this.getNodeParameter('values', itemIndex, '{}') as unknown;
			const parsed = typeof raw === 'string' ? jsonParse<unknown>(raw, { fallbackValue: undefined }) : raw;
			if (!isJsonObject(parsed)) {
				throw new NodeOperationError(this.getNode(), 'Values is not a Name: Value object', {
					description: 'Write Values as an object such as {"Omsättning": 1200000, "Riskklass": "B"}.',
					itemIndex,
				});
			}
			values = parsed;
		}
		let entries = Object.entries(values);
		let points: IDataObject[] | undefined;
		const skipped: string[] = [];
		if (source === 'input') {
			// The item holds other fields too (an act UUID, a client name): take only data points.
			points = await readDataPoints(this, uuid, itemIndex);
			const names = new Set(points.flatMap((point) => [String(point.name ?? ''), String(point.id)]));
			skipped.push(...entries.filter(([key]) => !names.has(key)).map(([key]) => key));
			entries = entries.filter(([key]) => names.has(key));
		}
		if (entries.length === 0) {
			throw new NodeOperationError(this.getNode(), `No data point values to update on act ${uuid}`, {
				description:
					source === 'input'
						? `None of the input fields (${skipped.slice(0, 10).join(', ') || 'none'}) is a data point name of this act.`
						: 'Add at least one "name": value pair to Values.',
				itemIndex,
			});
		}
		const updates = await planUpdates(this, uuid, itemIndex, entries, validate, points);
		const answer = await krebitRequest(this, {
			method: 'PUT',
			path: `/acts/${uuid}/data`,
			body: { data: updates.map(({ id, value }) => ({ id, value })) as unknown as IDataObject[] },
			itemIndex,
			action: `Update ${updates.length} data points of act ${uuid}`,
			notFound: `No act with UUID ${uuid} in this Krebit organization`,
		});
		const list = unwrapList(answer);
		const result: IDataObject = {
			act_uuid: uuid,
			updated: updates.length,
			data_points: (list && list.records.length > 0 ? list.records : updates) as unknown as IDataObject[],
		};
		if (skipped.length > 0) result.skipped_fields = skipped;
		return result;
	},
};
