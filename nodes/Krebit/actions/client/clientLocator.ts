import type { INodeProperties } from 'n8n-workflow';

/** Pick a client from a searchable list, or give its ID (numeric in Krebit's examples). */
export function clientLocator(description: string, name = 'clientId'): INodeProperties {
	return {
		displayName: 'Client',
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a client...',
				typeOptions: { searchListMethod: 'searchClients', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 42',
				validation: [
					{
						type: 'regex',
						properties: { regex: '^[A-Za-z0-9_-]+$', errorMessage: 'Not a valid Krebit client ID' },
					},
				],
			},
		],
	};
}
