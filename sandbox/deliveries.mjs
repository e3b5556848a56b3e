// Webhook deliveries: one per matching subscription, the body written as PHP writes JSON, signed
// with the subscription's secret, retried with the very same bytes when it fails.
import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

import { laravelTime } from './data/random.mjs';
import { phpJson } from './http.mjs';
import { forgedBody, signatureOf } from './signature.mjs';
import { pushCapped } from './state.mjs';

const ATTEMPT_TIMEOUT_MS = 10_000;

export function createDeliverer(state) {
	const timers = new Set();
	const requests = new Set();
	let closed = false;

	/** One POST; resolves `{ status }` or `{ error }`, never rejects. */
	function post(target, body, headers) {
		return new Promise((resolve) => {
			let url;
			try {
				url = new URL(target);
			} catch {
				resolve({ error: `invalid target URL ${target}` });
				return;
			}
			const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
			const request = send(url, { method: 'POST', headers: { ...headers, 'content-length': body.length }, agent: false, timeout: ATTEMPT_TIMEOUT_MS }, (response) => {
				response.resume();
				response.on('end', () => resolve({ status: response.statusCode }));
				response.on('error', (error) => resolve({ error: error.message }));
			});
			requests.add(request);
			request.on('close', () => requests.delete(request));
			request.on('timeout', () => request.destroy(new Error(`no answer within ${ATTEMPT_TIMEOUT_MS} ms`)));
			request.on('error', (error) => resolve({ error: error.code ? `${error.code}: ${error.message}` : error.message }));
			request.end(body);
		});
	}

	/** `kind` is undefined for a delivery and its retries, else 'redelivery' or 'forged'. */
	async function attempt(delivery, kind) {
		// A forged copy: one space more in the body, the genuine signature of the original bytes.
		const bytes = kind === 'forged' ? Buffer.from(forgedBody(delivery.body)) : delivery.bytes;
		const outcome = await post(delivery.target, bytes, {
			'content-type': 'application/json',
			'user-agent': 'Krebit-Webhooks/1.0 (sandbox)',
			'x-signature': delivery.signature,
			'x-client-id': delivery.clientId,
		});
		const record = { ...outcome, at: new Date().toISOString() };
		if (kind) record[kind] = true;
		delivery.attempts.push(record);
		const ok = outcome.status >= 200 && outcome.status < 300;
		if (!ok && !kind) scheduleRetry(delivery);
		return outcome;
	}

	function scheduleRetry(delivery) {
		const retriesDone = delivery.attempts.filter((entry) => !entry.redelivery && !entry.forged).length - 1;
		const delay = state.config.deliveryRetryDelaysMs[retriesDone];
		if (delay === undefined || closed) return;
		const timer = setTimeout(() => {
			timers.delete(timer);
			const tenant = state.tenants.get(delivery.tenant);
			// A subscription deleted meanwhile gets no more retries.
			if (!closed && tenant?.webhooks.some((subscription) => subscription.id === delivery.subscription_id)) attempt(delivery);
		}, delay);
		timers.add(timer);
	}

	const summary = (delivery, outcome) => ({
		delivery_id: delivery.delivery_id,
		subscription_id: delivery.subscription_id,
		target: delivery.target,
		status: outcome.status ?? null,
		...(outcome.error ? { error: outcome.error } : {}),
	});

	/**
	 * Sends `event` with `data` to every subscription of the tenant for that event; resolves
	 * when each first attempt has an answer (retries go on in the background).
	 */
	async function deliver(tenant, event, data) {
		const subscriptions = tenant.webhooks.filter((subscription) => subscription.event === event);
		const deliveries = subscriptions.map((subscription) => {
			const id = randomUUID();
			const body = phpJson({ id, event, created_at: laravelTime(Date.now()), data });
			const bytes = Buffer.from(body, 'utf8');
			const delivery = { tenant: tenant.label, delivery_id: id, event, target: subscription.target, subscription_id: subscription.id, attempts: [], body };
			Object.defineProperties(delivery, {
				bytes: { value: bytes },
				signature: { value: signatureOf(subscription.secret, bytes) },
				clientId: { value: subscription.clientId ?? state.config.clientId },
			});
			pushCapped(state.deliveries, delivery);
			return delivery;
		});
		return Promise.all(deliveries.map(async (delivery) => summary(delivery, await attempt(delivery))));
	}

	/**
	 * Sends a delivery again, once, to the same target: the same bytes ('redelivery') or a
	 * tampered copy with the original signature ('forged'). Undefined for an unknown id.
	 */
	async function resend(deliveryId, kind) {
		const matching = state.deliveries.filter((delivery) => delivery.delivery_id === deliveryId);
		if (matching.length === 0) return undefined;
		return Promise.all(matching.map(async (delivery) => summary(delivery, await attempt(delivery, kind))));
	}

	function close() {
		closed = true;
		for (const timer of timers) clearTimeout(timer);
		timers.clear();
		for (const request of requests) request.destroy();
	}

	return { deliver, redeliver: (id) => resend(id, 'redelivery'), forge: (id) => resend(id, 'forged'), close };
}
