import { NodeConnectionTypes, type IExecuteFunctions, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { listSearch } from './methods/listSearch';
import { buildProperties, route } from './router';

export class Krebit implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Krebit',
		name: 'krebit',
		icon: { light: 'file:krebit.svg', dark: 'file:krebit.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Work with Krebit Finance clients, acts and templates, and Krebit Sign signings',
		defaults: { name: 'Krebit' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'krebitOAuth2Api', required: true }],
		properties: buildProperties(),
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions) {
		return await route.call(this);
	}
}
