// The sandbox's OAuth: the three grants on both token paths, single-use codes and refresh tokens,
// form and JSON bodies, HTTP Basic refused, token expiry; and the basics of every answer.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

import { CLIENT_ID, CLIENT_SECRET, admin, clientToken, startSmallSandbox } from './helpers.mjs';

const REDIRECT_URI = 'http://127.0.0.1:5678/rest/oauth2-credential/callback';
let sandbox;
before(async () => {
	sandbox = await startSmallSandbox({ tenants: 'demo,acme' });
});
after(() => sandbox.stop());

async function authorize(query = {}) {
	const params = new URLSearchParams({ client_id: CLIENT_ID, redirect_uri: REDIRECT_URI, response_type: 'code', state: 'st4te', ...query });
	return sandbox.call({ path: `/oauth/authorize?${params}` });
}

async function codeFromConsent() {
	const answer = await authorize();
	assert.equal(answer.status, 302);
	const back = new URL(answer.headers.location);
	assert.equal(`${back.origin}${back.pathname}`, REDIRECT_URI);
	assert.equal(back.searchParams.get('state'), 'st4te');
	return back.searchParams.get('code');
}

function tokenRequest(path, bodyType, fields) {
	const values = { client_id: CLIENT_ID, client_secret: CLIENT_SECRET, ...fields };
	return sandbox.call({ method: 'POST', path, ...(bodyType === 'json' ? { json: values } : { form: values }) });
}

const me = (token, host) => sandbox.call({ path: '/api/1.0/me', token, host });

for (const path of ['/oauth/token', '/api/oauth/token']) {
	for (const bodyType of ['form', 'json']) {
		describe(`${path} with a ${bodyType} body`, () => {
			test('authorization code: tokens once, the same code again is invalid_grant', async () => {
				const code = await codeFromConsent();
				const first = await tokenRequest(path, bodyType, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI });
				assert.equal(first.status, 200, first.text);
				assert.equal(first.json.token_type, 'Bearer');
				assert.equal(first.json.expires_in, 3600);
				assert.ok(first.json.access_token && first.json.refresh_token);
				assert.equal((await me(first.json.access_token)).status, 200);

				const again = await tokenRequest(path, bodyType, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI });
				assert.equal(again.status, 400);
				assert.equal(again.json.error, 'invalid_grant');
				assert.match(again.json.message, /already used/);
			});

			test('refresh token: rotated on every use, a used one is dead', async () => {
				const code = await codeFromConsent();
				const issued = (await tokenRequest(path, bodyType, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI })).json;
				const refreshed = await tokenRequest(path, bodyType, { grant_type: 'refresh_token', refresh_token: issued.refresh_token });
				assert.equal(refreshed.status, 200, refreshed.text);
				assert.notEqual(refreshed.json.refresh_token, issued.refresh_token);
				assert.equal((await me(refreshed.json.access_token)).status, 200);

				const reused = await tokenRequest(path, bodyType, { grant_type: 'refresh_token', refresh_token: issued.refresh_token });
				assert.equal(reused.status, 400);
				assert.deepEqual(Object.keys(reused.json).sort(), ['error', 'error_description', 'message']);
				assert.equal(reused.json.error, 'invalid_grant');

				const next = await tokenRequest(path, bodyType, { grant_type: 'refresh_token', refresh_token: refreshed.json.refresh_token });
				assert.equal(next.status, 200);
			});

			test('client credentials: an access token and no refresh token', async () => {
				const answer = await tokenRequest(path, bodyType, { grant_type: 'client_credentials' });
				assert.equal(answer.status, 200);
				assert.equal(answer.json.refresh_token, undefined);
				assert.equal((await me(answer.json.access_token)).json.data.organization.name, 'Demo AB');
			});
		});
	}
}

describe('token endpoint refusals', () => {
	test('HTTP Basic is refused with a hint to send the credentials in the body', async () => {
		const basic = Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64');
		const answer = await sandbox.call({
			method: 'POST',
			path: '/oauth/token',
			headers: { authorization: `Basic ${basic}` },
			form: { grant_type: 'client_credentials' },
		});
		assert.equal(answer.status, 401);
		assert.equal(answer.json.error, 'invalid_client');
		assert.match(answer.json.message, /in the request body/);
	});

	test('a wrong secret is invalid_client, an unknown grant unsupported_grant_type', async () => {
		const wrong = await tokenRequest('/oauth/token', 'json', { grant_type: 'client_credentials', client_secret: 'nope' });
		assert.equal(wrong.status, 401);
		assert.equal(wrong.json.error, 'invalid_client');
		const unknown = await tokenRequest('/oauth/token', 'form', { grant_type: 'password' });
		assert.equal(unknown.status, 400);
		assert.equal(unknown.json.error, 'unsupported_grant_type');
	});

	test('a code redeemed with another redirect_uri is invalid_grant', async () => {
		const code = await codeFromConsent();
		const answer = await tokenRequest('/api/oauth/token', 'form', { grant_type: 'authorization_code', code, redirect_uri: 'http://evil.example/cb' });
		assert.equal(answer.status, 400);
		assert.match(answer.json.error_description, /redirect_uri/);
	});

	test('the authorize page refuses an unknown client with a 400 page', async () => {
		const answer = await authorize({ client_id: 'someone-else' });
		assert.equal(answer.status, 400);
		assert.match(answer.headers['content-type'], /text\/html/);
		assert.match(answer.text, /someone-else/);
	});

	test('the admin state records each token request', async () => {
		await admin(sandbox, 'POST', 'reset-stats');
		await tokenRequest('/api/oauth/token', 'json', { grant_type: 'client_credentials', scope: '' });
		const { json } = await admin(sandbox, 'GET', 'state');
		assert.deepEqual(json.tokenRequests, [
			{ tenant: 'demo', path: '/api/oauth/token', grant: 'client_credentials', basic: false, bodyType: 'json', scope: '', result: 'ok' },
		]);
	});
});

describe('access tokens', () => {
	test('a token stops working when its lifetime (1 s) is over', async () => {
		await admin(sandbox, 'POST', 'config', { tokenTtlSeconds: 1 });
		try {
			const answer = await tokenRequest('/oauth/token', 'form', { grant_type: 'client_credentials' });
			assert.equal(answer.json.expires_in, 1);
			assert.equal((await me(answer.json.access_token)).status, 200);
			await sleep(1100);
			const late = await me(answer.json.access_token);
			assert.equal(late.status, 401);
			assert.deepEqual(late.json, { message: 'Unauthenticated.' });
		} finally {
			await admin(sandbox, 'POST', 'config', { tokenTtlSeconds: 3600 });
		}
	});

	test('expire-tokens ends every token issued so far', async () => {
		const token = await clientToken(sandbox);
		assert.equal((await me(token)).status, 200);
		assert.equal((await admin(sandbox, 'POST', 'expire-tokens')).status, 200);
		assert.equal((await me(token)).status, 401);
	});

	test("a tenant's token is refused by another tenant", async () => {
		const token = await clientToken(sandbox, 'acme.krebit.se');
		assert.equal((await me(token, 'acme.krebit.se')).json.data.organization.name, 'Acme AB');
		assert.equal((await me(token, 'demo.krebit.se')).status, 401);
	});
});

describe('every answer', () => {
	test('carries a unique request_id header, errors included', async () => {
		const answers = await Promise.all([me(undefined), me(undefined), sandbox.call({ path: '/api/1.0/clients/1' })]);
		const ids = answers.map((answer) => answer.headers.request_id);
		assert.ok(ids.every((id) => /^[0-9a-f-]{36}$/.test(id)));
		assert.equal(new Set(ids).size, 3);
	});

	test('an unknown tenant gets a 404 JSON message', async () => {
		const answer = await sandbox.call({ path: '/api/1.0/me', host: 'nobody.krebit.se' });
		assert.equal(answer.status, 404);
		assert.match(answer.json.message, /nobody\.krebit\.se.*demo\.krebit\.se, acme\.krebit\.se/);
	});
});
