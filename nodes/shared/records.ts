import { NodeOperationError, type IDataObject, type INode } from 'n8n-workflow';

import { textOrEmpty } from './values';

/**
 * A kind of Krebit record a parameter can point at: how the picker lists, names, searches and
 * links it. One description per kind, used by the parameter (`recordLocator`) and by the
 * "From List" search (`methods/listSearch`).
 */
export interface RecordKind {
	/** The parameter's label, e.g. "Client". */
	displayName: string;
	/** The record in sentences, e.g. "client". */
	noun: string;
	/** The node method that serves "From List", e.g. `searchClients`. */
	searchMethod: string;
	/** The list endpoint, relative to /api/1.0. */
	listPath: string;
	/** The field holding the ID. */
	idField: 'id' | 'uuid';
	/** An ID as Krebit's examples show it, for placeholders. */
	exampleId: string;
	/**
	 * What this kind's IDs look like (a regex source), when narrower than any Krebit ID, with
	 * the rule in words: an ID that cannot be valid is refused before any request.
	 */
	idRule?: { pattern: string; words: string };
	/**
	 * The record's page in the Krebit web app, `https://<tenant>.krebit.se/<webPath>/<id>`
	 * [assumed, not documented by Krebit]. Without it the parameter has no "By URL" mode.
	 */
	webPath?: string;
	/** The field naming the record's client, when it has one (acts: `client_id`). */
	clientField?: string;
	/** How the picker names one record; `client` is the record's client, when known. */
	label(record: IDataObject, client?: IDataObject): string;
	/** What a search looks in. Org-number-like values also match without spaces and hyphens. */
	searchText(record: IDataObject): unknown[];
}

/** What a Krebit ID may hold (a regex source): letters, digits, `-` and `_`, so it cannot change a path. */
const KREBIT_ID = '[A-Za-z0-9_-]+';

/** Parts that are present, joined as "a · b · c". */
function joined(...parts: unknown[]): string {
	return parts.map(textOrEmpty).filter(Boolean).join(' · ');
}

/** An act's client by company name when known, else by ID: "Nordin Data AB", "client 584". */
function clientName(act: IDataObject, client?: IDataObject): string {
	if (client?.company_name) return textOrEmpty(client.company_name);
	return act.client_id !== undefined && act.client_id !== null ? `client ${textOrEmpty(act.client_id)}` : '';
}

/** What an ID of this kind may hold (a regex source). */
export function idPatternOf(kind: RecordKind): string {
	return kind.idRule?.pattern ?? KREBIT_ID;
}

/** Whether `id` can be an ID of this kind (whole string). */
export function isValidId(kind: RecordKind | undefined, id: string): boolean {
	return new RegExp(`^(?:${kind ? idPatternOf(kind) : KREBIT_ID})$`).test(id);
}

/** "a client", "an act": our nouns are plain English words, so a leading vowel decides. */
export function withArticle(noun: string): string {
	return `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
}

/** What this kind's ID is called: "UUID" (acts) or "ID". */
export function idNameOf(kind: RecordKind): string {
	return kind.idField === 'uuid' ? 'UUID' : 'ID';
}

/** The ID parameter in messages: "Act UUID", "Client ID". */
export function idLabelOf(kind: RecordKind): string {
	return `${kind.displayName} ${idNameOf(kind)}`;
}

/** What to do about an empty ID parameter: "Choose an act or enter its UUID." */
export function emptyIdHint(kind: RecordKind): string {
	return `Choose ${withArticle(kind.noun)} or enter its ${idNameOf(kind)}.`;
}

/**
 * The error for an ID that cannot be one of this kind's, raised before any request; `hint` may
 * follow the rule.
 */
export function invalidIdError(node: INode, id: string, kind: RecordKind, options: { itemIndex?: number; hint?: string } = {}): NodeOperationError {
	const rule = kind.idRule ? `Krebit ${kind.idRule.words}.` : 'Krebit IDs hold only letters, digits, "-" and "_".';
	return new NodeOperationError(node, `${idLabelOf(kind)} ${JSON.stringify(id.slice(0, 60))} is not a valid Krebit ID`, {
		description: options.hint ? `${rule} ${options.hint}` : rule,
		itemIndex: options.itemIndex,
	});
}

/** The record's ID as the API path takes it. */
export function recordId(kind: RecordKind, record: IDataObject): string {
	return textOrEmpty(record[kind.idField] ?? record.id);
}

export const CLIENT: RecordKind = {
	displayName: 'Client',
	noun: 'client',
	searchMethod: 'searchClients',
	listPath: '/clients',
	idField: 'id',
	exampleId: '42',
	// Krebit Finance's client IDs are numbers (its examples and its lists).
	idRule: { pattern: '[0-9]{1,18}', words: 'client IDs are whole numbers, like 42' },
	webPath: 'clients',
	label: (client) =>
		client.org_number ? `${textOrEmpty(client.company_name)} (${textOrEmpty(client.org_number)})` : textOrEmpty(client.company_name ?? client.id),
	searchText: (client) => [client.company_name, client.org_number],
};

export const ACT: RecordKind = {
	displayName: 'Act',
	noun: 'act',
	searchMethod: 'searchActs',
	listPath: '/acts',
	idField: 'uuid',
	exampleId: '9b2f4c1e-5d7a-4e8b-9c3d-1a2b3c4d5e6f',
	webPath: 'acts',
	clientField: 'client_id',
	label: (act, client) =>
		joined(act.template_name ?? 'Act', clientName(act, client), textOrEmpty(act.created_at).slice(0, 10)) || textOrEmpty(act.uuid),
	searchText: (act) => [act.template_name, act.uuid, act.client_id],
};

export const SIGNING: RecordKind = {
	displayName: 'Signing',
	noun: 'signing',
	searchMethod: 'searchSignings',
	listPath: '/signings',
	idField: 'id',
	exampleId: '0f6c3e8a-2b1d-4c5e-8f7a-9b0c1d2e3f40',
	webPath: 'signings',
	label: (signing) => joined(signing.name ?? signing.id, signing.status),
	searchText: (signing) => [signing.name, signing.id],
};

export const TEMPLATE: RecordKind = {
	displayName: 'Template',
	noun: 'template',
	searchMethod: 'searchTemplates',
	listPath: '/templates',
	idField: 'id',
	exampleId: '12',
	webPath: 'templates',
	label: (template) => joined(template.name ?? template.id, template.country),
	searchText: (template) => [template.name, template.country],
};

export const WEBHOOK: RecordKind = {
	displayName: 'Webhook',
	noun: 'webhook',
	searchMethod: 'searchWebhooks',
	listPath: '/webhooks',
	idField: 'id',
	exampleId: '17',
	// Webhooks have no page of their own in Krebit: no "By URL".
	label: (webhook) => (webhook.event || webhook.target ? `${textOrEmpty(webhook.event)} → ${textOrEmpty(webhook.target)}` : textOrEmpty(webhook.id)),
	searchText: (webhook) => [webhook.event, webhook.target],
};
