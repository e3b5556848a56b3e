import { answerPreview, describeAnswer, recordBody } from '../../../nodes/shared/transport/answers';
import { redirectStep, redirectTargetName } from '../../../nodes/shared/transport/redirects';

const TENANT = 'https://acme.krebit.se';
const AT = `${TENANT}/api/1.0/me`;

describe('redirectStep: follow within the tenant, refuse anywhere else', () => {
	test.each([
		['another host', 'https://collector.example.net/x?token=1', 'https://collector.example.net'],
		['another tenant', 'https://other.krebit.se/api/1.0/me', 'https://other.krebit.se'],
		['another port', 'https://acme.krebit.se:8443/api/1.0/me', 'https://acme.krebit.se:8443'],
		['plain http', 'http://acme.krebit.se/api/1.0/me', 'http://acme.krebit.se'],
		['a scheme-relative address', '//collector.example.net/x', 'https://collector.example.net'],
		['user info on the tenant', 'https://user:pass@acme.krebit.se/api/1.0/me', 'https://acme.krebit.se (with a user name in the address)'],
		['a look-alike host', 'https://acme.krebit.se.evil.example/x', 'https://acme.krebit.se.evil.example'],
	])('%s is refused, named by scheme, host and port only', (_case, location, target) => {
		expect(redirectStep(302, location, AT, TENANT, 'GET')).toEqual({ kind: 'elsewhere', target });
	});

	test.each([
		[301, 'GET', 'GET', true],
		[302, 'POST', 'GET', false],
		[303, 'POST', 'GET', false],
		[303, 'PUT', 'GET', false],
		[307, 'POST', 'POST', true],
		[308, 'PUT', 'PUT', true],
	] as const)('%i after %s within the tenant: continue as %s (body kept: %s)', (status, method, next, keepBody) => {
		expect(redirectStep(status, '/api/1.0/me/profile#x', AT, TENANT, method)).toEqual({
			kind: 'follow',
			url: `${TENANT}/api/1.0/me/profile`,
			method: next,
			keepBody,
		});
	});

	test('no Location, or one that is no address, is invalid', () => {
		expect(redirectStep(302, undefined, AT, TENANT, 'GET')).toEqual({ kind: 'invalid' });
		expect(redirectStep(302, 'http://[::1', AT, TENANT, 'GET')).toEqual({ kind: 'invalid' });
	});

	test('a target name never carries a path or query, and is cut when very long', () => {
		expect(redirectTargetName(new URL('https://x.example/a/b?secret=1'))).toBe('https://x.example');
		expect(redirectTargetName(new URL(`https://${'a'.repeat(60)}.${'b'.repeat(60)}.example/`))).toHaveLength(101);
	});
});

describe('answers where a record is due', () => {
	test('recordBody takes objects, and strings that hold one; not lists, text or nothing', () => {
		expect(recordBody({ data: { id: 1 } })).toEqual({ data: { id: 1 } });
		expect(recordBody('{"id":1}')).toEqual({ id: 1 });
		for (const notOne of [[{ id: 1 }], '[1]', '<html>', '', undefined, null, 42, Buffer.from('{}')]) {
			expect(recordBody(notOne)).toBeUndefined();
		}
	});

	test('describeAnswer says what came back', () => {
		expect(describeAnswer('')).toBe('an empty answer');
		expect(describeAnswer('  \n')).toBe('an empty answer');
		expect(describeAnswer(undefined)).toBe('an empty answer');
		expect(describeAnswer([1])).toBe('a JSON list of 1 entry');
		expect(describeAnswer(42)).toBe('the JSON value 42');
		expect(describeAnswer('Service Unavailable')).toBe('"Service Unavailable"');
	});

	test('answerPreview masks what looks like a credential, flattens control characters and cuts at 80', () => {
		expect(answerPreview('Authorization: Bearer abc.def.ghi')).toBe('Authorization: Bearer ***');
		expect(answerPreview('{"access_token":"tok","client_secret": "sec"}')).toBe('{"access_token":"***","client_secret": "***"}');
		expect(answerPreview('a\u0000\u0007\r\n\tb')).toBe('a b');
		expect(answerPreview('y'.repeat(200))).toBe(`${'y'.repeat(80)}…`);
	});
});
