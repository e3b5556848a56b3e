// Krebit Sign after the draft: recipients, sending, reminders, cancelling, signing (through the
// admin API, as a recipient would on Krebit's pages) and the sealed PDF of a completed signing.
import { createHash } from 'node:crypto';

import { laravelTime } from './data/random.mjs';
import { nextTime } from './data/tenant.mjs';
import { HttpError, notFound, validationError } from './http.mjs';

/** Roles that may cancel signings; an admin endpoint sets the user's roles (default: admin). */
export const CANCEL_ROLES = new Set(['admin', 'signings.cancel']);

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

/** A signing's recipients (not part of the signing's JSON, which the list and Get show). */
export function recipientsOf(signing) {
	if (!Object.hasOwn(signing, 'recipients')) Object.defineProperty(signing, 'recipients', { value: [], enumerable: false });
	return signing.recipients;
}

/** The 400 Krebit gives for a change to a signing that is no longer a draft. */
export function cannotBeEdited(signing, field = 'signing') {
	return validationError({ [field]: [`cannot_be_edited: the signing is ${signing.status}; only drafts can be changed.`] });
}

function touch(tenant, signing) {
	signing.updated_at = laravelTime(nextTime(tenant));
}

export function addRecipient(tenant, signing, values) {
	const errors = {};
	if (typeof values.name !== 'string' || values.name.trim() === '') errors.name = ['The name field is required.'];
	if (typeof values.email !== 'string' || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email)) errors.email = ['The email must be a valid email address.'];
	if (values.order !== undefined && !(Number.isInteger(values.order) && values.order >= 1)) errors.order = ['The order must be an integer of at least 1.'];
	if (Object.keys(errors).length > 0) throw validationError(errors);
	if (signing.status !== 'draft') throw cannotBeEdited(signing);
	const recipients = recipientsOf(signing);
	if (recipients.some((recipient) => recipient.email.toLowerCase() === values.email.toLowerCase())) {
		throw validationError({ email: ['The email has already been added to this signing.'] });
	}
	const { name, email, order, ...extra } = values;
	tenant.nextRecipientId = (tenant.nextRecipientId ?? 0) + 1;
	const recipient = {
		id: tenant.nextRecipientId,
		signing_id: signing.id,
		name: name.trim(),
		email,
		order: order ?? Math.max(0, ...recipients.map((each) => each.order)) + 1,
		status: 'pending',
		signed_at: null,
		// Identification rules and the like: kept as sent.
		...Object.fromEntries(Object.entries(extra).filter(([, value]) => ['string', 'number', 'boolean'].includes(typeof value))),
	};
	recipients.push(recipient);
	recipients.sort((a, b) => a.order - b.order || a.id - b.id);
	touch(tenant, signing);
	return recipient;
}

export function removeRecipient(tenant, signing, recipientId) {
	const recipients = recipientsOf(signing);
	const index = recipients.findIndex((recipient) => String(recipient.id) === String(recipientId));
	if (index === -1) throw notFound('Recipient');
	if (signing.status !== 'draft') throw cannotBeEdited(signing);
	recipients.splice(index, 1);
	touch(tenant, signing);
}

/** Draft to live: needs a document and a recipient. */
export function sendSigning(tenant, signing) {
	if (signing.status !== 'draft') throw cannotBeEdited(signing, 'status');
	const errors = {};
	if (signing.documents.length === 0) errors.documents = ['A signing needs at least one document before it is sent.'];
	if (recipientsOf(signing).length === 0) errors.recipients = ['A signing needs at least one recipient before it is sent.'];
	if (Object.keys(errors).length > 0) throw validationError(errors);
	signing.status = 'sent';
	signing.sent_at = laravelTime(nextTime(tenant));
	touch(tenant, signing);
	return signing;
}

/** The recipients a reminder goes to; only a sent signing can be reminded. */
export function remindRecipients(signing) {
	if (signing.status !== 'sent') {
		throw validationError({ status: [`Reminders go out for sent signings only; the signing is ${signing.status}.`] });
	}
	return recipientsOf(signing).filter((recipient) => recipient.status !== 'signed');
}

export function cancelSigning(tenant, signing) {
	if (!CANCEL_ROLES.has(tenant.userRole ?? 'admin')) throw new HttpError(403, { message: 'This action is unauthorized.' });
	if (signing.status === 'completed' || signing.status === 'cancelled') throw cannotBeEdited(signing, 'status');
	signing.status = 'cancelled';
	touch(tenant, signing);
	return signing;
}

/** A one-page PDF for a seeded document that was never uploaded. */
function placeholderPdf(document) {
	return Buffer.from(
		`%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n% ${document.name}\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
		'latin1',
	);
}

/** The original bytes of a document (uploaded, or a placeholder for seeded ones). */
export function documentBytes(document) {
	return document.bytes ?? placeholderPdf(document);
}

/** The sealed copy: the original with an incremental update holding Krebit's seal. */
function seal(document, signing, recipients) {
	const signers = recipients.map((recipient) => `${recipient.name} <${recipient.email}> ${recipient.signed_at}`).join('; ');
	const update = `\n%Krebit seal: signing ${signing.id}, document ${document.id}\n9 0 obj << /Type /Sig /Filter /Krebit.Seal /ByteRange [0 0 0 0] /Name (${signers.replace(/[()\\]/g, '')}) >> endobj\n%%EOF\n`;
	return Buffer.concat([documentBytes(document), Buffer.from(update, 'latin1')]);
}

/**
 * One recipient signs. When every recipient has, the signing completes and each document is
 * sealed; returns the documents completed now (for `signing.document.completed`).
 */
export function signAs(tenant, signing, recipientId) {
	const recipients = recipientsOf(signing);
	const recipient = recipients.find((each) => String(each.id) === String(recipientId));
	if (!recipient) throw notFound('Recipient');
	if (signing.status !== 'sent') throw validationError({ status: [`Only a sent signing can be signed; the signing is ${signing.status}.`] });
	if (recipient.status === 'signed') throw validationError({ recipient: ['The recipient has already signed.'] });
	if (signing.signing_order === 'sequential') {
		const waitingFor = recipients.find((each) => each.status !== 'signed' && each.order < recipient.order);
		if (waitingFor) throw validationError({ recipient: [`It is ${waitingFor.name}'s turn to sign first (sequential order).`] });
	}
	recipient.status = 'signed';
	recipient.signed_at = laravelTime(nextTime(tenant));
	touch(tenant, signing);
	if (recipients.some((each) => each.status !== 'signed')) return [];
	signing.status = 'completed';
	signing.completed_at = recipient.signed_at;
	for (const document of signing.documents) {
		const sealed = seal(document, signing, recipients);
		Object.defineProperty(document, 'sealed', { value: sealed, enumerable: false, configurable: true });
	}
	return signing.documents;
}

/** A document as the documents list shows it. */
export function documentSummary(signing, document) {
	return {
		id: document.id,
		signing_id: signing.id,
		filename: document.name,
		size: document.sealed?.length ?? document.size,
		status: signing.status === 'completed' ? 'completed' : signing.status === 'cancelled' ? 'cancelled' : 'pending',
	};
}

/** The sealed PDF, with what the admin API tells tests about it. */
export function sealedDocument(signing, documentId) {
	const document = signing.documents.find((each) => each.id.toLowerCase() === String(documentId).toLowerCase());
	if (!document) throw notFound('Document');
	if (signing.status === 'completed' && !document.sealed) {
		// A seeded completed signing: seal it on first download.
		Object.defineProperty(document, 'sealed', { value: seal(document, signing, recipientsOf(signing)), enumerable: false, configurable: true });
	}
	if (!document.sealed) {
		throw new HttpError(409, { message: `The document is not sealed yet: the signing is ${signing.status}. Sealed copies are ready when the signing is completed.` });
	}
	const sealedName = document.name.replace(/\.pdf$/i, '') + '-signed.pdf';
	return { document, bytes: document.sealed, fileName: sealedName, sha256: sha256(document.sealed) };
}
