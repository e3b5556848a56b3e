import { TEMPLATE } from '../../../shared/records';
import { getOperation } from '../getOperation';

export const getTemplate = getOperation(TEMPLATE, 'templateId', {
	action: 'Get a template',
	description: 'Get a template with its tabs, sections and fields',
	locator: 'The template to get',
});
