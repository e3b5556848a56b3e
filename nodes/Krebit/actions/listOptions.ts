import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../shared/collections';
import { DEFAULT_CONCURRENCY, MAX_CONCURRENCY } from '../../shared/transport/pool';

/** The "Options" collection of every Get Many that reads Krebit lists page by page. */
export function listOptions(): INodeProperties {
	return optionsCollection([
		{
			displayName: 'Max Parallel Requests',
			name: 'maxParallelRequests',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY, numberPrecision: 0 },
			default: DEFAULT_CONCURRENCY,
			description:
				'How many pages to read from Krebit at once when Krebit says how many pages there are. Lower it if Krebit rate limits this credential.',
		},
	]);
}

/** Options > Max Parallel Requests of item `itemIndex`: a whole number from 1 to 10. */
export function maxParallelRequests(this: IExecuteFunctions, itemIndex: number): number {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const value = options.maxParallelRequests ?? DEFAULT_CONCURRENCY;
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isInteger(number) || number < 1 || number > MAX_CONCURRENCY) {
		throw new NodeOperationError(this.getNode(), `Max Parallel Requests ${JSON.stringify(value)} is not a whole number from 1 to ${MAX_CONCURRENCY}`, {
			description: `Set Options > Max Parallel Requests to a number from 1 to ${MAX_CONCURRENCY}, or remove it to read ${DEFAULT_CONCURRENCY} pages at once.`,
			itemIndex,
		});
	}
	return number;
}
