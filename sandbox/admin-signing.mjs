// Admin endpoints for Krebit Sign: a recipient signs (as on Krebit's signing page), the user's
// role (to refuse cancelling), and what a signing holds (recipients, sealed copies' checksums).
import { createHash } from 'node:crypto';

import { notFound, reply, validationError } from './http.mjs';
import { pushCapped } from './state.mjs';
import { CANCEL_ROLES, documentBytes, documentSummary, recipientsOf, signAs } from './signing-flow.mjs';

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

function signingOf(tenant, id) {
	const signing = tenant.signingsById.get(String(id).toLowerCase());
	if (!signing) throw notFound('Signing');
	return signing;
}

function inspect(signing) {
	return {
		signing,
		recipients: recipientsOf(signing),
		documents: signing.documents.map((document) => ({
			...documentSummary(signing, document),
			original_sha256: sha256(documentBytes(document)),
			sealed_sha256: document.sealed ? sha256(document.sealed) : null,
			sealed_size: document.sealed?.length ?? null,
		})),
	};
}

/** Answers an admin request about signings, or undefined when `method name` is not one. */
export async function handleSigningAdmin({ state, deliverer, req }, tenant, method, name, values, body) {
	// A file a workflow sends here (an HTTP Request node after Download Document): its checksum.
	if (method === 'POST' && name === 'files') {
		const file = { sha256: sha256(body), size: body.length, content_type: req.headers['content-type'] ?? null, at: new Date().toISOString() };
		pushCapped(state.receivedFiles, file);
		return reply(200, file);
	}
	if (method === 'GET' && name === 'files') return reply(200, state.receivedFiles);
	if (method === 'POST' && name === 'role') {
		if (typeof values.role !== 'string' || values.role === '') throw validationError({ role: ['The role field is required, such as admin or member.'] });
		tenant.userRole = values.role;
		return reply(200, { role: tenant.userRole, can_cancel: CANCEL_ROLES.has(tenant.userRole) });
	}
	const inspectMatch = /^signings\/([^/]+)$/.exec(name);
	if (method === 'GET' && inspectMatch) return reply(200, inspect(signingOf(tenant, inspectMatch[1])));
	const sealedMatch = /^signings\/([^/]+)\/documents\/([^/]+)\/sealed$/.exec(name);
	if (method === 'GET' && sealedMatch) {
		const document = signingOf(tenant, sealedMatch[1]).documents.find((each) => each.id === sealedMatch[2]);
		if (!document?.sealed) throw notFound('Sealed document');
		return reply(200, document.sealed, { 'content-type': 'application/pdf' });
	}
	const signMatch = /^signings\/([^/]+)\/recipients\/([^/]+)\/sign$/.exec(name);
	if (method === 'POST' && signMatch) {
		const signing = signingOf(tenant, signMatch[1]);
		const completed = signAs(tenant, signing, signMatch[2]);
		// Krebit announces each sealed document; the answer waits for the first attempts.
		const deliveries = [];
		for (const document of completed) {
			deliveries.push(...(await deliverer.deliver(tenant, 'signing.document.completed', documentSummary(signing, document))));
		}
		return reply(200, { ...inspect(signing), deliveries });
	}
	return undefined;
}
