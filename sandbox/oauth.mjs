// OAuth 2.0 as Krebit documents it: an authorize page that consents at once, and one token
// endpoint (at /oauth/token and /api/oauth/token) for the authorization-code, refresh-token
// (single-use, rotated) and client-credentials grants. Client id and secret travel in the body.
import { randomBytes, timingSafeEqual } from 'node:crypto';

import { HttpError, parseFields, readBody, reply } from './http.mjs';
import { pushCapped } from './state.mjs';

const CODE_LIFETIME_MS = 60_000;
/** Above this many stored tokens or codes, expired ones are swept (benchmarks issue many). */
const SWEEP_ABOVE = 20_000;

const token = (bytes = 32) => randomBytes(bytes).toString('base64url');

function sameText(a, b) {
	const left = Buffer.from(String(a ?? ''));
	const right = Buffer.from(String(b ?? ''));
	return left.length === right.length && timingSafeEqual(left, right);
}

function escapeHtml(text) {
	return String(text).replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function errorPage(title, detail) {
	return `<!doctype html><html><head><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(detail)}</p></body></html>`;
}

/** GET /oauth/authorize: the user consents at once; back to redirect_uri with a code and the state. */
export function authorize({ state, tenant, url }) {
	const params = url.searchParams;
	const record = {
		tenant: tenant.label,
		client_id: params.get('client_id'),
		redirect_uri: params.get('redirect_uri'),
		response_type: params.get('response_type'),
		scope: params.has('scope') ? params.get('scope') : undefined,
		state: params.has('state'),
		result: 'ok',
	};
	pushCapped(state.stats.authorizeRequests, record);
	const refuse = (result, title, detail) => {
		record.result = result;
		return reply(400, errorPage(title, detail));
	};
	if (!sameText(record.client_id, state.config.clientId)) {
		return refuse('unknown_client', 'Unknown application', `No application with client_id "${record.client_id ?? ''}" is registered for ${tenant.label}.krebit.se.`);
	}
	let back;
	try {
		back = new URL(record.redirect_uri ?? '');
	} catch {
		return refuse('invalid_redirect_uri', 'Invalid redirect_uri', 'redirect_uri must be an absolute URL.');
	}
	if (record.response_type !== 'code') {
		return refuse('unsupported_response_type', 'Unsupported response_type', 'Only response_type=code is supported.');
	}
	const code = token(24);
	sweepExpired(state.codes);
	state.codes.set(code, {
		tenant: tenant.label,
		clientId: record.client_id,
		redirectUri: record.redirect_uri,
		expiresAt: Date.now() + CODE_LIFETIME_MS,
	});
	back.searchParams.set('code', code);
	if (params.has('state')) back.searchParams.set('state', params.get('state'));
	return reply(302, undefined, { location: back.toString() });
}

function oauthError(status, error, description) {
	return new HttpError(status, { error, error_description: description, message: description });
}

function sweepExpired(map) {
	if (map.size <= SWEEP_ABOVE) return;
	const now = Date.now();
	for (const [key, entry] of map) if (entry.expiresAt <= now) map.delete(key);
}

function issueTokens(state, tenant, clientId, grant, withRefresh) {
	sweepExpired(state.accessTokens);
	const ttl = state.config.tokenTtlSeconds;
	const accessToken = token();
	state.accessTokens.set(accessToken, { tenant: tenant.label, clientId, grant, expiresAt: Date.now() + ttl * 1000 });
	const body = { token_type: 'Bearer', expires_in: ttl, access_token: accessToken };
	if (withRefresh) {
		body.refresh_token = token(40);
		state.refreshTokens.set(body.refresh_token, { tenant: tenant.label, clientId });
	}
	return reply(200, body, { 'cache-control': 'no-store' });
}

/** Checks one grant; returns the answer or throws the OAuth error. */
function grant(state, tenant, fields) {
	const { grant_type: grantType, client_id: clientId, client_secret: clientSecret } = fields;
	if (!['authorization_code', 'refresh_token', 'client_credentials'].includes(grantType)) {
		throw oauthError(400, 'unsupported_grant_type', `The authorization grant type "${grantType ?? ''}" is not supported by the authorization server.`);
	}
	if (!clientId || !clientSecret) {
		throw oauthError(401, 'invalid_client', 'Client authentication failed: send client_id and client_secret in the request body.');
	}
	if (!sameText(clientId, state.config.clientId) || !sameText(clientSecret, state.config.clientSecret)) {
		throw oauthError(401, 'invalid_client', 'Client authentication failed: unknown client_id or wrong client_secret.');
	}
	if (grantType === 'client_credentials') return issueTokens(state, tenant, clientId, grantType, false);

	if (grantType === 'authorization_code') {
		const code = state.codes.get(fields.code);
		// Single use: a code is spent by any attempt to redeem it.
		if (code) state.codes.delete(fields.code);
		if (!code || code.tenant !== tenant.label || code.clientId !== clientId) {
			throw oauthError(400, 'invalid_grant', 'The authorization code is invalid, was already used, or belongs to another client.');
		}
		if (code.expiresAt < Date.now()) throw oauthError(400, 'invalid_grant', 'The authorization code has expired (codes live 60 seconds).');
		if (code.redirectUri !== fields.redirect_uri) {
			throw oauthError(400, 'invalid_grant', 'The redirect_uri does not match the one the authorization code was issued for.');
		}
		return issueTokens(state, tenant, clientId, grantType, true);
	}

	const refresh = state.refreshTokens.get(fields.refresh_token);
	if (!refresh || refresh.tenant !== tenant.label || refresh.clientId !== clientId) {
		throw oauthError(400, 'invalid_grant', 'The refresh token is invalid: it may be expired or already used.');
	}
	state.refreshTokens.delete(fields.refresh_token);
	return issueTokens(state, tenant, clientId, grantType, true);
}

/** POST /oauth/token and /api/oauth/token. */
export async function tokenEndpoint({ state, tenant, req, url }) {
	const authorization = req.headers.authorization ?? '';
	const { type, values } = parseFields(await readBody(req, 64 * 1024), req.headers['content-type']);
	const record = {
		tenant: tenant.label,
		path: url.pathname,
		grant: values.grant_type,
		basic: /^basic\s/i.test(authorization),
		bodyType: type,
		scope: values.scope,
		result: 'ok',
	};
	pushCapped(state.stats.tokenRequests, record);
	try {
		if (record.basic) {
			throw oauthError(401, 'invalid_client', 'HTTP Basic client authentication is not supported: send client_id and client_secret in the request body.');
		}
		return grant(state, tenant, values);
	} catch (error) {
		record.result = error instanceof HttpError ? error.body.error : 'server_error';
		throw error;
	}
}

/** The access token of an API request, if it is valid for this tenant. */
export function authenticate(state, tenant, req) {
	const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
	const entry = match ? state.accessTokens.get(match[1]) : undefined;
	if (!entry || entry.tenant !== tenant.label) return undefined;
	if (entry.expiresAt <= Date.now()) {
		state.accessTokens.delete(match[1]);
		return undefined;
	}
	return entry;
}

/** Every access token issued so far stops working (refresh tokens still do). */
export function expireAccessTokens(state) {
	const count = state.accessTokens.size;
	state.accessTokens.clear();
	return count;
}
