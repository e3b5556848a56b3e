import { isValidSignature, signatureOf } from '../../../nodes/shared/signature';

const BODY = Buffer.from('{"id":"d-1","event":"act.created"}');
// Computed independently (Python's hmac module) for this body and secret.
const KNOWN = '80a6bafedd526c56a3f2025205d8f41f509fba9b8d1b22a9f885b20b36be2a8f';

describe('signature check', () => {
	test('matches an independently computed HMAC-SHA256, lower-case hex', () => {
		expect(signatureOf('whsec_test', BODY)).toBe(KNOWN);
	});

	test('accepts the right signature under any of the stored secrets', () => {
		expect(isValidSignature(BODY, KNOWN, ['whsec_test'])).toBe(true);
		expect(isValidSignature(BODY, KNOWN, ['whsec_other', 'whsec_test'])).toBe(true);
	});

	test.each([
		['no header', undefined],
		['a number', 12345],
		['empty', ''],
		['upper-case hex', KNOWN.toUpperCase()],
		['truncated', KNOWN.slice(0, 63)],
		['one extra character', `${KNOWN}0`],
		['non-hex of the right length', 'g'.repeat(64)],
		['with sha256= prefix', `sha256=${KNOWN}`],
		['with spaces', ` ${KNOWN}`],
		['one digit changed', KNOWN.slice(0, -1) + (KNOWN.endsWith('0') ? '1' : '0')],
	])('refuses %s', (_case, signature) => {
		expect(isValidSignature(BODY, signature, ['whsec_test'])).toBe(false);
	});

	test('refuses without a stored secret, or with an empty one', () => {
		expect(isValidSignature(BODY, KNOWN, [])).toBe(false);
		expect(isValidSignature(BODY, signatureOf('', BODY), [''])).toBe(false);
	});

	test('is over the exact bytes: the same JSON re-serialized does not verify', () => {
		const reserialized = Buffer.from(JSON.stringify(JSON.parse(BODY.toString()), null, 2));
		expect(isValidSignature(reserialized, KNOWN, ['whsec_test'])).toBe(false);
	});
});
