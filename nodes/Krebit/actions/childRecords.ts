import type { IDataObject } from 'n8n-workflow';

import type { RecordKind } from './records';

/**
 * Records that live inside another record (a signing's recipients and documents, an act's data
 * points). Their "From List" lists the parent named by `parentParameter`; they have no page of
 * their own in Krebit, so no "By URL".
 */
export interface ChildKind extends RecordKind {
	/** The parameter naming the parent record, e.g. `signingId`. */
	parentParameter: string;
	/** How the parent is called in messages, e.g. `Signing ID`. */
	parentLabel: string;
	/** The list of children of one parent, relative to /api/1.0. */
	childPath(parentId: string): string;
	/** Whether the list is paged (`limit`, `page`); an act's data points come in one answer. */
	paged: boolean;
}

function text(value: unknown): string {
	return value === undefined || value === null ? '' : String(value);
}

export const RECIPIENT: ChildKind = {
	displayName: 'Recipient',
	noun: 'recipient',
	searchMethod: 'searchRecipients',
	listPath: '/signings/{id}/recipients',
	idField: 'id',
	exampleId: '7',
	label: (recipient) =>
		[text(recipient.name), recipient.email ? `<${text(recipient.email)}>` : '', text(recipient.status)].filter(Boolean).join(' ') ||
		text(recipient.id),
	searchText: (recipient) => [recipient.name, recipient.email, recipient.id],
	parentParameter: 'signingId',
	parentLabel: 'Signing ID',
	childPath: (signingId) => `/signings/${signingId}/recipients`,
	paged: true,
};

export const DOCUMENT: ChildKind = {
	displayName: 'Document',
	noun: 'document',
	searchMethod: 'searchDocuments',
	listPath: '/signings/{id}/documents',
	idField: 'id',
	exampleId: '3c9d2e71-8a4b-4f0e-9d1c-2b3a4c5d6e7f',
	label: (document) => [text(document.filename ?? document.name ?? document.id), text(document.status)].filter(Boolean).join(' · '),
	searchText: (document) => [document.filename, document.name, document.id],
	parentParameter: 'signingId',
	parentLabel: 'Signing ID',
	childPath: (signingId) => `/signings/${signingId}/documents`,
	paged: true,
};

export const DATA_POINT: ChildKind = {
	displayName: 'Data Point',
	noun: 'data point',
	searchMethod: 'searchDataPoints',
	listPath: '/acts/{uuid}/data',
	idField: 'id',
	exampleId: '4217',
	label: (point: IDataObject) => [text(point.name ?? point.id), text(point.type)].filter(Boolean).join(' · '),
	searchText: (point) => [point.name, point.id],
	parentParameter: 'actId',
	parentLabel: 'Act UUID',
	childPath: (uuid) => `/acts/${uuid}/data`,
	paged: false,
};
