import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import nock from 'nock';

import { KrebitOAuth2Api } from '../../credentials/KrebitOAuth2Api.credentials';
import { buildAdditionalData, CREDENTIAL_ID, CREDENTIAL_NAME } from '../harness/engine';
import {
	authorizationCodeCredential,
	CLIENT_ID,
	CLIENT_SECRET,
	clientCredentialsCredential,
	KREBIT,
	KrebitHarness,
} from '../harness/krebit-harness';
import { FakeTokenServer } from '../harness/token-server';

const PROBE = 'harness.credentialProbe';

/** What a user could see of a failed run: message, description, and the whole error as JSON. */
function visibleText(error: unknown): string {
	const e = error as { message?: string; description?: string };
	return [e.message, e.description, JSON.stringify(error)].join('\n');
}

function expectNoSecrets(text: string) {
	for (const secret of [CLIENT_SECRET, 'access-1', 'refresh-1', 'refresh-2', 'access-2']) {
		expect(text).not.toContain(secret);
	}
}

describe('the credential type', () => {
	const credential = new KrebitOAuth2Api();

	test('extends n8n oAuth2Api with a required Organization field', () => {
		expect(credential.name).toBe('krebitOAuth2Api');
		expect(credential.displayName).toBe('Krebit OAuth2 API');
		expect(credential.extends).toEqual(['oAuth2Api']);
		const organization = credential.properties.find((p) => p.name === 'organization');
		expect(organization).toMatchObject({ type: 'string', required: true });
		expect(organization?.description).toContain('yourco.krebit.se');
	});

	test('offers the two documented grants, Authorization Code first', () => {
		const grantType = credential.properties.find((p) => p.name === 'grantType');
		expect(grantType?.default).toBe('authorizationCode');
		expect(grantType?.options?.map((o) => ('value' in o ? o.value : undefined))).toEqual([
			'authorizationCode',
			'clientCredentials',
		]);
	});
});

describe('how n8n resolves the credential', () => {
	async function resolve(stored: ICredentialDataDecryptedObject) {
		const harness = new KrebitHarness(stored);
		// No expression context: as in hook and webhook contexts and in n8n's OAuth "Connect".
		return await harness.credentials.getDecrypted(
			buildAdditionalData(harness.credentials),
			{ id: CREDENTIAL_ID, name: CREDENTIAL_NAME },
			'krebitOAuth2Api',
			'internal',
		);
	}

	test('Authorization Code: authorize and token URLs on the tenant, no scope, secrets in the body', async () => {
		const data = await resolve(authorizationCodeCredential({ organization: 'https://AcMe.krebit.se/login' }));
		expect(data.authUrl).toBe('https://acme.krebit.se/oauth/authorize');
		expect(data.accessTokenUrl).toBe('https://acme.krebit.se/api/oauth/token');
		expect(data.scope).toBe('');
		expect(data.authQueryParameters).toBe('');
		expect(data.authentication).toBe('body');
	});

	test('Authorization Code with the /oauth/token path picked', async () => {
		const data = await resolve(authorizationCodeCredential({ codeGrantEndpoint: '/oauth/token' }));
		expect(data.accessTokenUrl).toBe('https://acme.krebit.se/oauth/token');
	});

	test('Client Credentials defaults to /oauth/token and can pick /api/oauth/token', async () => {
		expect((await resolve(clientCredentialsCredential())).accessTokenUrl).toBe(
			'https://acme.krebit.se/oauth/token',
		);
		const picked = await resolve(clientCredentialsCredential({ clientCredentialsEndpoint: '/api/oauth/token' }));
		expect(picked.accessTokenUrl).toBe('https://acme.krebit.se/api/oauth/token');
	});

	test('an edited token path cannot steer the token URL to another host', async () => {
		const data = await resolve(
			authorizationCodeCredential({ codeGrantEndpoint: '@evil.com/steal' }),
		);
		expect(data.accessTokenUrl).toBe('https://acme.krebit.se/api/oauth/token');
	});

	test('stored URL values are ignored: the hidden fields always come from the type', async () => {
		const data = await resolve(
			authorizationCodeCredential({
				authUrl: 'https://evil.com/oauth/authorize',
				accessTokenUrl: 'https://evil.com/token',
				authentication: 'header',
			}),
		);
		expect(data.authUrl).toBe('https://acme.krebit.se/oauth/authorize');
		expect(data.accessTokenUrl).toBe('https://acme.krebit.se/api/oauth/token');
		expect(data.authentication).toBe('body');
	});

	test('an organization that names no tenant still gives a krebit.se URL that cannot exist', async () => {
		const data = await resolve(authorizationCodeCredential({ organization: 'acme.krebit.se.evil.com' }));
		expect(data.authUrl).toBe('https://invalid-organization-.krebit.se/oauth/authorize');
		expect(new URL(String(data.accessTokenUrl)).hostname).toBe('invalid-organization-.krebit.se');
	});
});

describe('the harness', () => {
	test('refuses any host nock does not stand in for', async () => {
		const run = await new KrebitHarness().runNode(PROBE, {});
		// No interceptor for /api/1.0/me in this test: even the Krebit host is refused.
		expect(run.error('Krebit')?.message).toMatch(/Nock: (Disallowed net connect|No match)/);
		const refused = await fetch('https://example.com/').catch((error: Error & { cause?: Error }) => error);
		expect(String((refused as Error & { cause?: Error }).cause?.message ?? refused)).toMatch(/Disallowed net connect/);
	});
});

describe('Authorization Code through n8n-core', () => {
	test('sends the bearer token to https://acme.krebit.se/api/1.0/me', async () => {
		const me = nock(KREBIT)
			.get('/api/1.0/me')
			.matchHeader('authorization', 'Bearer access-1')
			.reply(200, { data: { id: 7, name: 'Anna Berg' } });
		const run = await new KrebitHarness().runNode(PROBE, {});
		expect(run.error('Krebit')).toBeUndefined();
		expect(run.json('Krebit')).toEqual([{ data: { id: 7, name: 'Anna Berg' } }]);
		me.done();
	});

	test('an expired token is refreshed at /api/oauth/token, retried, and both new tokens are persisted', async () => {
		const tokens = new FakeTokenServer('/api/oauth/token');
		nock(KREBIT).get('/api/1.0/me').matchHeader('authorization', 'Bearer access-1').reply(401, { message: 'Unauthenticated.' });
		const retried = nock(KREBIT)
			.get('/api/1.0/me')
			.matchHeader('authorization', 'Bearer access-2')
			.reply(200, { data: { id: 7 } });
		const harness = new KrebitHarness();

		const run = await harness.runNode(PROBE, {});

		expect(run.error('Krebit')).toBeUndefined();
		expect(run.json('Krebit')).toEqual([{ data: { id: 7 } }]);
		retried.done();
		expect(tokens.requests).toHaveLength(1);
		const [refresh] = tokens.requests;
		expect(refresh.path).toBe('/api/oauth/token');
		expect(refresh.contentType).toContain('application/x-www-form-urlencoded');
		expect(refresh.body).toMatchObject({
			grant_type: 'refresh_token',
			refresh_token: 'refresh-1',
			client_id: CLIENT_ID,
			client_secret: CLIENT_SECRET,
		});
		expect(refresh.authorization ?? '').not.toMatch(/^Basic/i);
		expect(refresh.body.scope).toBeUndefined();
		expect(harness.storedToken()).toMatchObject({ access_token: 'access-2', refresh_token: 'refresh-2' });
		expect(harness.credentials.tokenUpdates).toHaveLength(1);
	});

	test('a second expiry uses the new refresh token; the used one would be refused', async () => {
		const tokens = new FakeTokenServer('/api/oauth/token');
		const harness = new KrebitHarness();
		nock(KREBIT).get('/api/1.0/me').matchHeader('authorization', 'Bearer access-1').reply(401);
		nock(KREBIT).get('/api/1.0/me').matchHeader('authorization', 'Bearer access-2').reply(200, { run: 1 });
		nock(KREBIT).get('/api/1.0/me').matchHeader('authorization', 'Bearer access-2').reply(401);
		nock(KREBIT).get('/api/1.0/me').matchHeader('authorization', 'Bearer access-3').reply(200, { run: 2 });

		const first = await harness.runNode(PROBE, {});
		const second = await harness.runNode(PROBE, {});

		expect(first.json('Krebit')).toEqual([{ run: 1 }]);
		expect(second.error('Krebit')).toBeUndefined();
		expect(second.json('Krebit')).toEqual([{ run: 2 }]);
		expect(tokens.requests.map((r) => r.body.refresh_token)).toEqual(['refresh-1', 'refresh-2']);
		expect(harness.storedToken()).toMatchObject({ access_token: 'access-3', refresh_token: 'refresh-3' });
		expect(harness.credentials.tokenUpdates.map((u) => u.oauthTokenData.refresh_token)).toEqual([
			'refresh-2',
			'refresh-3',
		]);
	});

	test('the token server really refuses a used refresh token', async () => {
		const tokens = new FakeTokenServer('/api/oauth/token');
		// The stored credential still holds refresh-1, but the server has already rotated it.
		const harness = new KrebitHarness(
			authorizationCodeCredential({
				oauthTokenData: { access_token: 'access-1', refresh_token: 'refresh-0', token_type: 'Bearer' },
			}),
		);
		nock(KREBIT).get('/api/1.0/me').reply(401);
		const run = await harness.runNode(PROBE, {});
		expect(run.error('Krebit')).toBeDefined();
		expect(tokens.requests[0].body.refresh_token).toBe('refresh-0');
		expect(harness.credentials.tokenUpdates).toHaveLength(0);
	});

	test('invalid_grant on refresh tells the user to reconnect, and shows no secret', async () => {
		new FakeTokenServer('/api/oauth/token', 'some-other-refresh-token');
		nock(KREBIT).get('/api/1.0/me').reply(401, { message: 'Unauthenticated.' });
		const harness = new KrebitHarness();

		const run = await harness.runNode(PROBE, {});

		const error = run.error('Krebit');
		expect(error?.message).toMatch(/needs to be reconnected/);
		expect(visibleText(error)).toMatch(/reconnect/i);
		expectNoSecrets(visibleText(error));
		expect(harness.storedToken()).toMatchObject({ access_token: 'access-1', refresh_token: 'refresh-1' });
	});

	test('the token path picked in the credential is the one refreshed at', async () => {
		const tokens = new FakeTokenServer('/oauth/token');
		nock(KREBIT).get('/api/1.0/me').matchHeader('authorization', 'Bearer access-1').reply(401);
		nock(KREBIT).get('/api/1.0/me').matchHeader('authorization', 'Bearer access-2').reply(200, {});
		const harness = new KrebitHarness(authorizationCodeCredential({ codeGrantEndpoint: '/oauth/token' }));
		const run = await harness.runNode(PROBE, {});
		expect(run.error('Krebit')).toBeUndefined();
		expect(tokens.requests.map((r) => r.path)).toEqual(['/oauth/token']);
	});
});

describe('Client Credentials through n8n-core', () => {
	test('fetches an app token at /oauth/token before the first call and again after a 401', async () => {
		const tokens = new FakeTokenServer('/oauth/token');
		nock(KREBIT).get('/api/1.0/me').matchHeader('authorization', 'Bearer app-access-2').reply(200, { run: 1 });
		nock(KREBIT).get('/api/1.0/me').matchHeader('authorization', 'Bearer app-access-2').reply(401);
		nock(KREBIT).get('/api/1.0/me').matchHeader('authorization', 'Bearer app-access-3').reply(200, { run: 2 });
		const harness = new KrebitHarness(clientCredentialsCredential());

		const first = await harness.runNode(PROBE, {});
		const second = await harness.runNode(PROBE, {});

		expect(first.json('Krebit')).toEqual([{ run: 1 }]);
		expect(second.error('Krebit')).toBeUndefined();
		expect(second.json('Krebit')).toEqual([{ run: 2 }]);
		expect(tokens.requests).toHaveLength(2);
		for (const request of tokens.requests) {
			expect(request.path).toBe('/oauth/token');
			expect(request.body).toMatchObject({
				grant_type: 'client_credentials',
				client_id: CLIENT_ID,
				client_secret: CLIENT_SECRET,
			});
			expect(request.body.refresh_token).toBeUndefined();
			expect(request.body.scope).toBeUndefined();
			expect(request.authorization ?? '').not.toMatch(/^Basic/i);
		}
		const stored = harness.storedToken();
		expect(stored.access_token).toBe('app-access-3');
		expect(stored.refresh_token).toBeUndefined();
	});

	test('wrong client secret: the error names no secret', async () => {
		new FakeTokenServer('/oauth/token');
		const harness = new KrebitHarness(clientCredentialsCredential({ clientSecret: 'wrong-secret-value' }));
		const run = await harness.runNode(PROBE, {});
		const error = run.error('Krebit');
		expect(error).toBeDefined();
		expect(visibleText(error)).not.toContain('wrong-secret-value');
	});
});
