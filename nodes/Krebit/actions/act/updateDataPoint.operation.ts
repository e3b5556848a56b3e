import { krebitRequest } from '../../../shared/transport/request';
import { recordOrFallback } from '../answers';
import { DATA_POINT } from '../childRecords';
import { idParameter } from '../common';
import { recordLocator } from '../../../shared/recordLocator';
import { ACT } from '../../../shared/records';
import type { KrebitOperation } from '../types';
import { planUpdates } from './dataPoints';

export const validateOption = {
	displayName: 'Validate Before Sending',
	name: 'validate',
	type: 'boolean' as const,
	default: true,
	description:
		"Whether to check each value against the act's data points first (number, true/false, YYYY-MM-DD date, required, the template's choices) and send nothing if one does not fit. Costs one request more (two more for a choice field).",
};

export const updateActDataPoint: KrebitOperation = {
	value: 'updateDataPoint',
	name: 'Update Data Point',
	action: "Update one of an act's data points",
	description: 'Set the value of one data point (field) of an act',
	properties: [
		recordLocator(ACT, 'actId', 'The act (credit evaluation) to change'),
		recordLocator(DATA_POINT, 'dataPointId', 'The data point to set (From List shows the data points of the act above)'),
		{
			displayName: 'Value',
			name: 'value',
			type: 'string',
			default: '',
			placeholder: 'e.g. 1200000',
			description: 'The new value. Numbers, true/false and dates (YYYY-MM-DD) are converted to what the data point holds; empty clears it.',
		},
		validateOption,
	],
	async execute(itemIndex) {
		const uuid = idParameter.call(this, 'actId', itemIndex, ACT);
		const pointId = idParameter.call(this, 'dataPointId', itemIndex, DATA_POINT);
		const raw = this.getNodeParameter('value', itemIndex, '') as unknown;
		const validate = this.getNodeParameter('validate', itemIndex, true) as boolean;
		let value = raw;
		if (validate) [{ value }] = await planUpdates(this, uuid, itemIndex, [[pointId, raw]], true);
		const answer = await krebitRequest(this, {
			method: 'PATCH',
			path: `/acts/${uuid}/data/${pointId}`,
			body: { value: value as string },
			itemIndex,
			action: `Update data point ${pointId} of act ${uuid}`,
			notFound: `No data point ${pointId} on act ${uuid} in this Krebit organization`,
		});
		return recordOrFallback(answer, { id: pointId, value: value as string });
	},
};
