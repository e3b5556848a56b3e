// How Krebit signs a webhook delivery, and how the sandbox forges one: the one place in the
// repository's dev tooling that does either (deliveries, the e2e checks and the bench use it).
import { createHmac } from 'node:crypto';

/** `X-Signature`: lower-case hex HMAC-SHA256 of the exact bytes, keyed with the subscription's secret. */
export const signatureOf = (secret, bytes) => createHmac('sha256', secret).update(bytes).digest('hex');

/** A tampered copy of a delivery body: one space more before "event", so its old signature no longer fits. */
export const forgedBody = (body) => String(body).replace('"event"', ' "event"');
