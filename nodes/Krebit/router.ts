import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { resources } from './actions';
import { OperationItems, type KrebitOperation } from './actions/types';

const operationBase: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	default: '',
};

/** The node's parameters: Resource, then per resource its Operation, then each operation's own. */
export function buildProperties(): INodeProperties[] {
	const properties: INodeProperties[] = [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			default: 'client',
			options: resources.map(({ name, value }) => ({ name, value })),
		},
	];
	for (const resource of resources) {
		properties.push({
			...operationBase,
			displayOptions: { show: { resource: [resource.value] } },
			default: resource.defaultOperation,
			options: resource.operations
				.map(({ name, value, action, description }) => ({ name, value, action, description }))
				.sort((a, b) => a.name.localeCompare(b.name)),
		});
		for (const operation of resource.operations) {
			for (const property of operation.properties) {
				const show = { ...property.displayOptions?.show, resource: [resource.value], operation: [operation.value] };
				properties.push({ ...property, displayOptions: { ...property.displayOptions, show } });
			}
		}
	}
	return properties;
}

function findOperation(resource: string, operation: string): KrebitOperation | undefined {
	return resources.find((r) => r.value === resource)?.operations.find((o) => o.value === operation);
}

/**
 * Appends an operation's Krebit records to `output`, each as one item paired with its input
 * item, whatever its fields are called (a record with a `json` field keeps it as a field,
 * unlike n8n's `returnJsonArray`); items an operation built (binary output) keep their binary
 * data. One push per record: spreading a list of 150,000 or more
 * into push() overflows the stack.
 */
function appendItems(output: INodeExecutionData[], result: IDataObject | object[] | OperationItems, itemIndex: number): void {
	if (result instanceof OperationItems) {
		for (const { json, binary } of result.items) output.push({ json, ...(binary ? { binary } : {}), pairedItem: { item: itemIndex } });
		return;
	}
	const records = (Array.isArray(result) ? result : [result]) as IDataObject[];
	for (const record of records) output.push({ json: record, pairedItem: { item: itemIndex } });
}

/** Runs the chosen operation once per input item, in order; Continue On Fail keeps going. */
export async function route(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const resource = this.getNodeParameter('resource', itemIndex) as string;
			const operationName = this.getNodeParameter('operation', itemIndex) as string;
			const operation = findOperation(resource, operationName);
			if (!operation) {
				throw new NodeOperationError(this.getNode(), `The operation "${operationName}" is not known for "${resource}"`, {
					itemIndex,
				});
			}
			appendItems(output, await operation.execute.call(this, itemIndex), itemIndex);
		} catch (error) {
			if (!this.continueOnFail()) {
				throw error instanceof NodeApiError || error instanceof NodeOperationError
					? error
					: new NodeOperationError(this.getNode(), error as Error, { itemIndex });
			}
			const { message, description } = error as { message: string; description?: string };
			output.push({ json: { error: message, ...(description ? { description } : {}) }, pairedItem: { item: itemIndex } });
		}
	}
	return [output];
}
