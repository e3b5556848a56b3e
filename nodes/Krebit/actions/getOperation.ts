import { recordLocator } from '../../shared/recordLocator';
import type { RecordKind } from '../../shared/records';
import { getRecord, type RecordLookup } from './common';
import type { KrebitOperation } from './types';

/** What a Get operation shows: its action sentence and description, and the picker's description. */
export interface GetOperationText {
	value?: string;
	name?: string;
	action: string;
	description: string;
	locator: string;
}

/**
 * A Get operation: the picker `parameter` for one record of `kind`, and an execute that fetches
 * that record from `<listPath>/<id>`, unless `lookup` names another path (and what it fetches).
 */
export function getOperation(
	kind: RecordKind,
	parameter: string,
	text: GetOperationText,
	lookup: Partial<Pick<RecordLookup, 'what' | 'path' | 'notFound'>> = {},
): KrebitOperation {
	return {
		value: text.value ?? 'get',
		name: text.name ?? 'Get',
		action: text.action,
		description: text.description,
		properties: [recordLocator(kind, parameter, text.locator)],
		async execute(itemIndex) {
			return await getRecord.call(this, itemIndex, { parameter, kind, what: kind.noun, path: (id) => `${kind.listPath}/${id}`, ...lookup });
		},
	};
}
