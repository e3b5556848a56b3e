import { getRecord } from '../common';
import type { KrebitOperation } from '../types';

export const getTemplate: KrebitOperation = {
	value: 'get',
	name: 'Get',
	action: 'Get a template',
	description: 'Get a template with its tabs, sections and fields',
	properties: [
		{
			displayName: 'Template ID',
			name: 'templateId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 12',
		},
	],
	async execute(itemIndex) {
		return await getRecord.call(this, itemIndex, {
			parameter: 'templateId',
			label: 'Template ID',
			what: 'template',
			path: (id) => `/templates/${id}`,
		});
	},
};
