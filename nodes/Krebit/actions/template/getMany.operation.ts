import type { IDataObject } from 'n8n-workflow';

import { filtersCollection } from '../../../shared/collections';
import { listWithLimit, returnAllAndLimit } from '../common';
import { listOptions } from '../listOptions';
import type { KrebitOperation } from '../types';

export const getManyTemplates: KrebitOperation = {
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many templates',
	description: 'List templates, optionally filtered by name or country',
	properties: [
		...returnAllAndLimit,
		filtersCollection([
			{
				displayName: 'Country',
				name: 'country',
				type: 'string',
				default: '',
				placeholder: 'e.g. SE',
				description: 'Only templates for this country',
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				placeholder: 'e.g. Standard credit check',
				description: 'Only templates with this name',
			},
		]),
		listOptions(),
	],
	async execute(itemIndex) {
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const qs: IDataObject = {};
		for (const key of ['name', 'country']) {
			const value = String(filters[key] ?? '').trim();
			if (value) qs[key] = value;
		}
		return await listWithLimit.call(this, itemIndex, { path: '/templates', action: 'Get many templates', qs });
	},
};
