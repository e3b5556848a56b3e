import type { INodeProperties } from 'n8n-workflow';

import { KREBIT_DOMAIN } from './tenant';
import { idNameOf, idPatternOf, withArticle, type RecordKind } from './records';

/** Any tenant's address, `https://<label>.krebit.se`. */
const TENANT_ORIGIN = `https?://[A-Za-z0-9-]+\\.${KREBIT_DOMAIN.replace('.', '\\.')}`;

/** `https://<any tenant>.krebit.se/…/<webPath>/<id>`, with anything after the ID. */
function pageUrlPattern(webPath: string, idPattern: string, capture: boolean): string {
	const id = capture ? `(${idPattern})` : `(?:${idPattern})`;
	return `${TENANT_ORIGIN}(?:/[^?#]*)?/${webPath}/${id}(?:[/?#].*)?`;
}

/**
 * The parameter that points at one Krebit record: "From List" (searchable), "By URL" where
 * Krebit has a page for the record, and "By ID". Operations read it with `idParameter`, which
 * also takes the plain string that workflows saved before the picker existed hold.
 */
export function recordLocator(kind: RecordKind, name: string, description: string, options: { optional?: boolean } = {}): INodeProperties {
	const webPath = kind.webPath ?? '';
	const locator: INodeProperties = {
		displayName: kind.displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: !options.optional,
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: `Select ${withArticle(kind.noun)}...`,
				typeOptions: {
					searchListMethod: kind.searchMethod,
					searchable: true,
					slowLoadNotice: {
						message: `Krebit has no search, so n8n reads the ${kind.noun}s page by page; what it read answers searches for the next 10 minutes. If you know the ${idNameOf(kind)}, choose "By ID".`,
						timeout: 5000,
					},
				},
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: `e.g. https://yourco.krebit.se/${webPath}/${kind.exampleId}`,
				hint: `The address of the ${kind.noun}'s page in Krebit`,
				validation: [
					{
						type: 'regex',
						properties: {
							regex: pageUrlPattern(webPath, idPatternOf(kind), false),
							errorMessage: `Not the address of a Krebit ${kind.noun} page (https://<organization>.krebit.se/${webPath}/<ID>)`,
						},
					},
				],
				extractValue: { type: 'regex', regex: `^${pageUrlPattern(webPath, idPatternOf(kind), true)}$` },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: `e.g. ${kind.exampleId}`,
				validation: [
					{
						type: 'regex',
						properties: { regex: `^(?:${idPatternOf(kind)})$`, errorMessage: `Not a valid Krebit ${kind.noun} ${idNameOf(kind)}${kind.idRule ? ` (${kind.idRule.words})` : ''}` },
					},
				],
			},
		],
	};
	// A record without a page of its own in Krebit (a webhook) has no "By URL".
	if (!kind.webPath) locator.modes = locator.modes?.filter((mode) => mode.name !== 'url');
	return locator;
}
