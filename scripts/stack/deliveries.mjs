// Krebit webhook deliveries that a dev tool makes and sends itself, rather than the sandbox: to a
// chosen URL (one webhook processor of several), with a chosen content type, or hundreds at once
// for the bench. Signed and forged exactly as the sandbox does (sandbox/signature.mjs).
import { randomUUID } from 'node:crypto';

import { forgedBody, signatureOf } from '../../sandbox/signature.mjs';
import { SANDBOX_CLIENT } from './sandbox-client.mjs';

/** A delivery body as Krebit sends it, `{ id, event, created_at, data }`, with a fresh id unless given. */
export const deliveryBody = ({ event = 'act.created', data = {}, id = randomUUID() } = {}) =>
	JSON.stringify({ id, event, created_at: new Date().toISOString(), data });

/**
 * The bytes and headers to POST for `body` signed with `secret`, as Krebit sends them.
 * `forged` sends the tampered copy under the genuine signature; `headers` adds or overrides.
 */
export function signedDelivery(body, secret, { forged = false, headers = {} } = {}) {
	return {
		body: Buffer.from(forged ? forgedBody(body) : body),
		headers: { 'content-type': 'application/json', 'x-signature': signatureOf(secret, body), 'x-client-id': SANDBOX_CLIENT.id, ...headers },
	};
}

/** POSTs `body`, signed with `secret` (see signedDelivery), to `url`; resolves the answer's status. */
export async function postDelivery(url, body, secret, options) {
	const delivery = signedDelivery(body, secret, options);
	const response = await fetch(url, { method: 'POST', headers: delivery.headers, body: delivery.body });
	await response.arrayBuffer();
	return response.status;
}
