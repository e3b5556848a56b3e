import type { INodeProperties } from 'n8n-workflow';

export const actIdParameter: INodeProperties = {
	displayName: 'Act UUID',
	name: 'actId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 9b2f4c1e-5d7a-4e8b-9c3d-1a2b3c4d5e6f',
	description: 'The UUID of the act (credit evaluation)',
};
