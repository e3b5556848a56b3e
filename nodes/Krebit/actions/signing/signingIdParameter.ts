import type { INodeProperties } from 'n8n-workflow';

export const signingIdParameter: INodeProperties = {
	displayName: 'Signing ID',
	name: 'signingId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 0f6c3e8a-2b1d-4c5e-8f7a-9b0c1d2e3f40',
};
