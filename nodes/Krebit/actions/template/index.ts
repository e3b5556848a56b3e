import type { KrebitResource } from '../types';
import { getTemplate } from './get.operation';
import { getManyTemplates } from './getMany.operation';

export const templateResource: KrebitResource = {
	value: 'template',
	name: 'Template',
	defaultOperation: 'get',
	operations: [getTemplate, getManyTemplates],
};
