import {
	NodeConnectionTypes,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

/**
 * Dev-only nodes for the floor a Return All cannot go below inside n8n: the same 200 GETs with
 * nothing of ours around them, and n8n emitting 10,000 items that cost nothing to make.
 */
function description(name: string, properties: INodeTypeDescription['properties']): INodeTypeDescription {
	return {
		displayName: name,
		name,
		group: ['transform'],
		version: 1,
		description: name,
		defaults: { name },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'krebitOAuth2Api', required: true }],
		properties,
	};
}

/** `pages` GETs of `url`, one after another, each page's `data` emitted as items. */
export class RawLoop implements INodeType {
	description = description('rawLoop', [
		{ displayName: 'URL', name: 'url', type: 'string', default: '' },
		{ displayName: 'Pages', name: 'pages', type: 'number', default: 200 },
		{ displayName: 'With Authentication', name: 'authenticate', type: 'boolean', default: true },
	]);

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const url = this.getNodeParameter('url', 0) as string;
		const pages = this.getNodeParameter('pages', 0) as number;
		const authenticate = this.getNodeParameter('authenticate', 0) as boolean;
		const items: INodeExecutionData[] = [];
		for (let page = 1; page <= pages; page++) {
			const options = { method: 'GET' as const, url, qs: { limit: 100, page }, json: true };
			const body = (
				authenticate
					? await this.helpers.httpRequestWithAuthentication.call(this, 'krebitOAuth2Api', options)
					: await this.helpers.httpRequest({ ...options, headers: { Authorization: 'Bearer access-1' } })
			) as { data: IDataObject[] };
			for (const json of body.data) items.push({ json, pairedItem: { item: 0 } });
		}
		return [items];
	}
}

/**
 * Emits the records the bench handed it (fresh from JSON.parse, as a response would give them):
 * what n8n itself costs to take that many items from a node.
 */
export class EmitOnly implements INodeType {
	static records: IDataObject[] = [];

	description = description('emitOnly', []);

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items: INodeExecutionData[] = [];
		for (const json of EmitOnly.records) items.push({ json, pairedItem: { item: 0 } });
		return [items];
	}
}
