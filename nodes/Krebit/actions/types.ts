import type { IBinaryKeyData, IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** An output item an operation builds itself, with its binary data (the router pairs it). */
export interface OperationItem {
	json: IDataObject;
	binary?: IBinaryKeyData;
}

/**
 * Items rather than records: what an operation returns when its output carries binary data.
 * A class, so that a Krebit record with fields named `json` or `binary` is never taken for one.
 */
export class OperationItems {
	constructor(readonly items: OperationItem[]) {}
}

/** One operation: how it appears in the node, its parameters, and what it does for one item. */
export interface KrebitOperation {
	value: string;
	name: string;
	/** The sentence n8n shows in the actions list, e.g. "Get a client". */
	action: string;
	description: string;
	properties: INodeProperties[];
	/**
	 * Returns the output for input item `itemIndex`: records (or `OperationItems`, for binary
	 * output) become items paired with it. No records: no items for that input item.
	 */
	execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject | IDataObject[] | OperationItems>;
}

export interface KrebitResource {
	value: string;
	name: string;
	operations: KrebitOperation[];
	defaultOperation: string;
}
