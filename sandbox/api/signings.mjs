// Krebit Sign: signings (drafts are created here) and the PDF documents uploaded to them.
import { createHash, randomUUID } from 'node:crypto';

import { laravelTime } from '../data/random.mjs';
import { createSigning, nextTime } from '../data/tenant.mjs';
import { HttpError, notFound, parseFields, readBody, reply, validationError } from '../http.mjs';
import { boundaryOf, parseMultipart } from '../multipart.mjs';
import { pushCapped } from '../state.mjs';
import { paginate } from './pagination.mjs';

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
const MAX_MESSAGE_LENGTH = 400;

function checkDraft(values) {
	const errors = {};
	if (typeof values.name !== 'string' || values.name.trim() === '') errors.name = ['The name field is required.'];
	else if (values.name.length > 255) errors.name = ['The name must not be greater than 255 characters.'];
	if (!['EN', 'SV'].includes(values.language)) errors.language = ['The selected language is invalid: use EN or SV.'];
	if (!['sequential', 'parallel'].includes(values.signing_order)) {
		errors.signing_order = ['The selected signing order is invalid: use sequential or parallel.'];
	}
	if (values.message !== undefined && values.message !== null) {
		if (typeof values.message !== 'string') errors.message = ['The message must be a string.'];
		else if (values.message.length > MAX_MESSAGE_LENGTH) errors.message = [`The message must not be greater than ${MAX_MESSAGE_LENGTH} characters.`];
	}
	if (Object.keys(errors).length > 0) throw validationError(errors);
}

function signingOf(tenant, id) {
	const signing = tenant.signingsById.get(id.toLowerCase());
	if (!signing) throw notFound('Signing');
	return signing;
}

const fileError = (message) => validationError({ selected_file: [message] });

/**
 * What Krebit refuses in an upload: not a PDF, more than 10 MiB (Krebit's "under 10 MB" read as
 * Laravel's `max:10240` kilobytes, inclusive, like the node), password-protected, already signed.
 */
function checkPdf(bytes) {
	if (bytes.length === 0) throw fileError('The selected file is empty.');
	if (bytes.length > MAX_DOCUMENT_BYTES) throw fileError('The selected file must not be greater than 10240 kilobytes.');
	if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') throw fileError('The selected file must be a file of type: pdf.');
	if (bytes.includes('/Encrypt', 0, 'latin1')) throw fileError('The selected file is password protected; upload a PDF without a password.');
	if (bytes.includes('/ByteRange', 0, 'latin1') || bytes.includes('/Sig', 0, 'latin1')) {
		throw fileError('The selected file is already signed; upload an unsigned PDF.');
	}
}

async function uploadDocument({ state, tenant, req }, { id }) {
	const boundary = boundaryOf(req.headers['content-type']);
	// Read (and so drain) the body before answering anything, even a 404.
	const body = await readBody(req, MAX_DOCUMENT_BYTES + 1024 * 1024).catch((error) => {
		if (error instanceof HttpError && error.status === 413) throw fileError('The selected file must not be greater than 10240 kilobytes.');
		throw error;
	});
	const signing = signingOf(tenant, id);
	if (!boundary) throw new HttpError(400, { message: 'Send the document as multipart/form-data with the file in the field "selected_file".' });
	const parts = parseMultipart(body, boundary);
	if (!parts) throw new HttpError(400, { message: 'The multipart body could not be read.' });
	const file = parts.find((part) => part.name === 'selected_file' && part.filename !== undefined);
	if (!file) throw validationError({ selected_file: ['The selected file field is required.'] });
	if (signing.status !== 'draft') {
		throw validationError({ selected_file: [`cannot_be_edited: the signing is ${signing.status}; documents can be added to drafts only.`] });
	}
	checkPdf(file.data);
	const document = {
		id: randomUUID(),
		name: file.filename || 'document.pdf',
		size: file.data.length,
		sha256: createHash('sha256').update(file.data).digest('hex'),
	};
	signing.documents.push(document);
	signing.updated_at = laravelTime(nextTime(tenant));
	pushCapped(state.uploads, { tenant: tenant.label, signing_id: signing.id, name: document.name, size: document.size, sha256: document.sha256 });
	return reply(201, { data: document });
}

export const signingRoutes = [
	{
		method: 'GET',
		pattern: /^\/signings$/,
		handle: (ctx) => reply(200, paginate(ctx, [...ctx.tenant.signings].reverse())),
	},
	{
		method: 'POST',
		pattern: /^\/signings$/,
		handle: async ({ tenant, req }) => {
			const { values } = parseFields(await readBody(req, 64 * 1024), req.headers['content-type']);
			checkDraft(values);
			const signing = createSigning(tenant, {
				name: values.name.trim(),
				language: values.language,
				signingOrder: values.signing_order,
				message: values.message ?? null,
			});
			return reply(201, { data: signing });
		},
	},
	{
		method: 'GET',
		pattern: /^\/signings\/(?<id>[^/]+)$/,
		handle: ({ tenant }, { id }) => reply(200, { data: signingOf(tenant, id) }),
	},
	{
		method: 'POST',
		pattern: /^\/signings\/(?<id>[^/]+)\/documents$/,
		handle: uploadDocument,
	},
];
