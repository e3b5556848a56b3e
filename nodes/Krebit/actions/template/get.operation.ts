import { getRecord } from '../common';
import { recordLocator } from '../../../shared/recordLocator';
import { TEMPLATE } from '../../../shared/records';
import type { KrebitOperation } from '../types';

export const getTemplate: KrebitOperation = {
	value: 'get',
	name: 'Get',
	action: 'Get a template',
	description: 'Get a template with its tabs, sections and fields',
	properties: [recordLocator(TEMPLATE, 'templateId', 'The template to get')],
	async execute(itemIndex) {
		return await getRecord.call(this, itemIndex, {
			parameter: 'templateId',
			kind: TEMPLATE,
			what: 'template',
			path: (id) => `/templates/${id}`,
		});
	},
};
