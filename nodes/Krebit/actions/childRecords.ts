import type { IDataObject } from 'n8n-workflow';

import { ACT, SIGNING, type RecordKind } from '../../shared/records';
import { textOrEmpty } from '../../shared/values';

/**
 * Records that live inside another record (a signing's recipients and documents, an act's data
 * points). Their "From List" lists the parent named by `parentParameter`; they have no page of
 * their own in Krebit, so no "By URL".
 */
export interface ChildKind extends RecordKind {
	/** The parameter naming the parent record, e.g. `signingId`. */
	parentParameter: string;
	/** The kind of the parent record, e.g. a signing. */
	parent: RecordKind;
	/** The list of children of one parent, relative to /api/1.0. */
	childPath(parentId: string): string;
	/** Whether the list is paged (`limit`, `page`); an act's data points come in one answer. */
	paged: boolean;
}

export const RECIPIENT: ChildKind = {
	displayName: 'Recipient',
	noun: 'recipient',
	searchMethod: 'searchRecipients',
	listPath: '/signings/{id}/recipients',
	idField: 'id',
	exampleId: '7',
	label: (recipient) =>
		[textOrEmpty(recipient.name), recipient.email ? `<${textOrEmpty(recipient.email)}>` : '', textOrEmpty(recipient.status)].filter(Boolean).join(' ') ||
		textOrEmpty(recipient.id),
	searchText: (recipient) => [recipient.name, recipient.email, recipient.id],
	parentParameter: 'signingId',
	parent: SIGNING,
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
	label: (document) => [textOrEmpty(document.filename ?? document.name ?? document.id), textOrEmpty(document.status)].filter(Boolean).join(' · '),
	searchText: (document) => [document.filename, document.name, document.id],
	parentParameter: 'signingId',
	parent: SIGNING,
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
	label: (point: IDataObject) => [textOrEmpty(point.name ?? point.id), textOrEmpty(point.type)].filter(Boolean).join(' · '),
	searchText: (point) => [point.name, point.id],
	parentParameter: 'actId',
	parent: ACT,
	childPath: (uuid) => `/acts/${uuid}/data`,
	paged: false,
};
