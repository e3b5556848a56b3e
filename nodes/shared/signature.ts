import { createHmac, timingSafeEqual } from 'crypto';

/** Krebit's signature: lower-case hex HMAC-SHA256 of the raw request body, keyed with the secret. */
export function signatureOf(secret: string, rawBody: Buffer): string {
	return createHmac('sha256', secret).update(rawBody).digest('hex');
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * Whether `signature` is Krebit's signature of exactly these bytes under one of `secrets`.
 * Anything but 64 lower-case hex characters is refused before comparing; the comparison of
 * the digests takes the same time wherever they differ.
 */
export function isValidSignature(rawBody: Buffer, signature: unknown, secrets: readonly string[]): boolean {
	if (typeof signature !== 'string' || !SHA256_HEX.test(signature)) return false;
	const received = Buffer.from(signature, 'hex');
	let valid = false;
	for (const secret of secrets) {
		if (!secret) continue;
		const expected = Buffer.from(signatureOf(secret, rawBody), 'hex');
		// No early exit: every stored secret is tried, so timing does not tell which one matched.
		if (timingSafeEqual(received, expected)) valid = true;
	}
	return valid;
}
