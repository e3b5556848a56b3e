import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

/** One operation: how it appears in the node, its parameters, and what it does for one item. */
export interface KrebitOperation {
	value: string;
	name: string;
	/** The sentence n8n shows in the actions list, e.g. "Get a client". */
	action: string;
	description: string;
	properties: INodeProperties[];
	/** Returns the output for input item `itemIndex`: records become items paired with it. */
	execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject | IDataObject[] | INodeExecutionData[]>;
}

export interface KrebitResource {
	value: string;
	name: string;
	operations: KrebitOperation[];
	defaultOperation: string;
}
