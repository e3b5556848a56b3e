import type { INodeProperties } from 'n8n-workflow';

/** The "Options" collection n8n nodes keep optional settings in; `name` is the parameter's. */
export function optionsCollection(options: INodeProperties[], name = 'options'): INodeProperties {
	return { displayName: 'Options', name, type: 'collection', placeholder: 'Add Option', default: {}, options };
}

/** The "Filters" collection of a Get Many, holding `options`. */
export function filtersCollection(options: INodeProperties[]): INodeProperties {
	return { displayName: 'Filters', name: 'filters', type: 'collection', placeholder: 'Add Filter', default: {}, options };
}
