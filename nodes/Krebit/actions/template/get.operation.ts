import { krebitRequest, unwrapRecord } from '../../../shared/transport/request';
import { idParameter } from '../common';
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
		const id = idParameter.call(this, 'templateId', itemIndex, 'Template ID');
		const body = await krebitRequest(this, {
			method: 'GET',
			path: `/templates/${id}`,
			itemIndex,
			action: `Get template ${id}`,
			notFound: `No template with ID ${id} in this Krebit organization`,
		});
		return unwrapRecord(body);
	},
};
