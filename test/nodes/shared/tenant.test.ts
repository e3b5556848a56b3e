import type { IDataObject } from 'n8n-workflow';

import { KrebitOAuth2Api } from '../../../credentials/KrebitOAuth2Api.credentials';
import {
	INVALID_TENANT_LABEL,
	tenantLabel,
	tenantLabelExpression,
	tenantOrigin,
} from '../../../nodes/shared/tenant';
import { resolveWithThrowawayWorkflow } from '../../harness/credentials-helper';

/** [what the user typed, the tenant label it means (undefined: no tenant)] */
const TABLE: Array<[string, string | undefined]> = [
	['acme', 'acme'],
	['yourco', 'yourco'],
	['YourCo', 'yourco'],
	['ACME', 'acme'],
	['  acme  ', 'acme'],
	['\tacme\n', 'acme'],
	['acme-ab', 'acme-ab'],
	['acme2', 'acme2'],
	['2acme', '2acme'],
	['a', 'a'],
	['a'.repeat(63), 'a'.repeat(63)],
	['acme.krebit.se', 'acme'],
	['YourCo.krebit.se', 'yourco'],
	['ACME.KREBIT.SE', 'acme'],
	['acme.krebit.se.', 'acme'],
	['acme.krebit.se..', 'acme'],
	['acme.', 'acme'],
	['acme.krebit.se/', 'acme'],
	['acme.krebit.se//', 'acme'],
	['https://acme.krebit.se', 'acme'],
	['https://acme.krebit.se/', 'acme'],
	['https://yourco.krebit.se/', 'yourco'],
	['http://acme.krebit.se/', 'acme'],
	['HTTPS://ACME.KREBIT.SE/', 'acme'],
	['https://acme.krebit.se/developer/my-apps', 'acme'],
	['https://acme.krebit.se/api/1.0/me?x=1', 'acme'],
	['https://acme.krebit.se?x=1', 'acme'],
	['https://acme.krebit.se#top', 'acme'],
	['https://acme.krebit.se./', 'acme'],
	['  https://acme.krebit.se/  ', 'acme'],
	['acme/', 'acme'],
	['acme/some/path', 'acme'],
	['acme?', 'acme'],
	['', undefined],
	['   ', undefined],
	['-acme', undefined],
	['acme-', undefined],
	['ac me', undefined],
	['acme_co', undefined],
	['a'.repeat(64), undefined],
	['www.acme.krebit.se', undefined],
	['acme.example.com', undefined],
	['evil.com', undefined],
	['acme.krebit.se.evil.com', undefined],
	['https://acme.krebit.se.evil.com/', undefined],
	['acme.krebit.se:443', undefined],
	['https://acme.krebit.se:8443/', undefined],
	['user@acme.krebit.se', undefined],
	['https://evil.com@acme.krebit.se/', undefined],
	['https://acme.krebit.se@evil.com/', undefined],
	['https://evil.com/acme.krebit.se', undefined],
	['https://evil.com\\@acme.krebit.se', undefined],
	['åäö', undefined],
	['acme.krebit.com', undefined],
	['krebit.se', undefined],
	['.krebit.se', undefined],
	['https://', undefined],
	['//acme.krebit.se', undefined],
];

/** The label as n8n evaluates the rule's expression in a credential (`$self` = the credential). */
function viaN8nExpression(typed: unknown): string {
	const label = `={{ ${tenantLabelExpression('$self["organization"]')} }}`;
	return resolveWithThrowawayWorkflow({ organization: typed as string, label }).label as string;
}

const credential = new KrebitOAuth2Api();
const authUrlDefault = credential.properties.find((p) => p.name === 'authUrl')?.default as string;
const tokenUrlDefault = credential.properties.find((p) => p.name === 'accessTokenUrl')?.default as string;

/** The credential's authorize and token URLs, as n8n resolves them. */
function credentialUrls(typed: unknown, grantType: string) {
	const resolved = resolveWithThrowawayWorkflow({
		organization: typed as string,
		grantType,
		authUrl: authUrlDefault,
		accessTokenUrl: tokenUrlDefault,
	});
	return { authUrl: String(resolved.authUrl), accessTokenUrl: String(resolved.accessTokenUrl) };
}

/** The host rule every built URL must pass: exactly `<one label>.krebit.se`, nothing else. */
function expectKrebitUrl(url: string) {
	const parsed = new URL(url);
	expect(parsed.protocol).toBe('https:');
	expect(parsed.username).toBe('');
	expect(parsed.password).toBe('');
	expect(parsed.port).toBe('');
	expect(parsed.hostname.endsWith('.krebit.se')).toBe(true);
	const labels = parsed.hostname.split('.');
	expect(labels).toHaveLength(3);
	expect(labels[0]).toMatch(/^[a-z0-9-]+$/);
	expect(parsed.search).toBe('');
	expect(parsed.hash).toBe('');
}

describe('tenant rule: the table', () => {
	test('has at least 40 cases', () => expect(TABLE.length).toBeGreaterThanOrEqual(40));

	test.each(TABLE)('%j is tenant %j', (typed, expected) => {
		expect(tenantLabel(typed)).toBe(expected);
	});

	test.each(TABLE)('%j: the credential expression agrees in n8n', (typed, expected) => {
		expect(viaN8nExpression(typed)).toBe(expected ?? INVALID_TENANT_LABEL);
		const urls = credentialUrls(typed, 'authorizationCode');
		expect(urls.authUrl).toBe(`${tenantOrigin(expected ?? INVALID_TENANT_LABEL)}/oauth/authorize`);
		expectKrebitUrl(urls.authUrl);
		expectKrebitUrl(urls.accessTokenUrl);
	});

	test('the invalid label can never be a real tenant', () => {
		expect(tenantLabel(INVALID_TENANT_LABEL)).toBeUndefined();
	});

	test('non-string values', () => {
		for (const value of [undefined, null, 0, false, {}, []]) {
			expect(tenantLabel(value)).toBeUndefined();
			expect(viaN8nExpression(value)).toBe(INVALID_TENANT_LABEL);
		}
		expect(tenantLabel(42)).toBe('42');
	});
});

/** A small seeded generator, so a failure can be replayed. */
function random(seed: number) {
	let state = seed;
	return () => {
		state = (state * 1664525 + 1013904223) % 2 ** 32;
		return state / 2 ** 32;
	};
}

const PIECES = [
	'acme', 'ACME', 'evil.com', 'evil', '.krebit.se', 'krebit.se', '.krebit.se.evil.com', '@', ':',
	':443', ':8080', '/', '//', '\\', '?', '#', '%2e', '%40', '.', '..', ' ', '\t', '\n', '-', '_',
	'https://', 'http://', 'javascript:', 'file://', 'user:pass@', 'xn--', 'Ａ', 'å', '\u0000',
	'\u200b', '127.0.0.1', '[::1]', 'localhost', '" + "', "'", '${', '}}', '{{', '$self',
	'acme.krebit.se', 'a'.repeat(70), '.evil.com/', '%', '&', '=',
];

function hostileInputs(count: number): string[] {
	const next = random(20261123);
	const inputs: string[] = [];
	while (inputs.length < count) {
		const parts = 1 + Math.floor(next() * 6);
		let value = '';
		for (let i = 0; i < parts; i++) value += PIECES[Math.floor(next() * PIECES.length)];
		inputs.push(value);
	}
	return inputs;
}

describe('tenant rule: 300 hostile inputs', () => {
	const inputs = hostileInputs(300);

	test('every URL built from them is https://<one label>.krebit.se, in TypeScript and in n8n', () => {
		let valid = 0;
		for (const typed of inputs) {
			const label = tenantLabel(typed);
			if (label !== undefined) valid++;
			expectKrebitUrl(`${tenantOrigin(label ?? INVALID_TENANT_LABEL)}/api/1.0/me`);
			expect(viaN8nExpression(typed)).toBe(label ?? INVALID_TENANT_LABEL);
			for (const grantType of ['authorizationCode', 'clientCredentials']) {
				const urls = credentialUrls(typed, grantType);
				expectKrebitUrl(urls.authUrl);
				expectKrebitUrl(urls.accessTokenUrl);
				expect(new URL(urls.accessTokenUrl).hostname).toBe(
					`${label ?? INVALID_TENANT_LABEL}.krebit.se`,
				);
			}
		}
		// The generator also makes some inputs that do name a tenant (such as "acme" alone).
		expect(valid).toBeGreaterThan(0);
		expect(valid).toBeLessThan(inputs.length);
	});
});

describe('tenant rule: the credential URLs in n8n 1.x (n8n-workflow 1.120, as in n8n 1.123)', () => {
	// n8n 1.x evaluates credential expressions with its own n8n-workflow; the URLs must not differ.
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { Workflow: WorkflowV1 } = require('n8n-workflow-1') as typeof import('n8n-workflow');
	const host = { id: 'host', name: '', type: 'harness.host', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };
	const workflowV1 = new WorkflowV1({
		nodes: [host],
		connections: {},
		active: false,
		nodeTypes: { getByName: () => undefined, getByNameAndVersion: () => undefined } as never,
	});

	function urlsInV1(typed: string, grantType: string) {
		const data = { organization: typed, grantType, authUrl: authUrlDefault, accessTokenUrl: tokenUrlDefault };
		const resolved = workflowV1.expression.getComplexParameterValue(host, data, 'internal', {}, undefined, undefined, data) as IDataObject;
		return { authUrl: String(resolved.authUrl), accessTokenUrl: String(resolved.accessTokenUrl) };
	}

	test.each([
		['the table', TABLE.map(([typed]) => typed)],
		['300 hostile inputs', hostileInputs(300)],
	])('%s: the same URLs as n8n 2.41', (_name, inputs) => {
		for (const typed of inputs) {
			for (const grantType of ['authorizationCode', 'clientCredentials']) {
				expect(urlsInV1(typed, grantType)).toEqual(credentialUrls(typed, grantType));
			}
		}
	});
});
