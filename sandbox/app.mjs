// The request handler: picks the tenant from the Host header and hands the request to the admin
// API, OAuth, or the REST API. Every answer carries a unique request_id header.
import { randomUUID } from 'node:crypto';

import { ADMIN_PREFIX, handleAdmin } from './admin.mjs';
import { API_PREFIX, handleApi } from './api/index.mjs';
import { HttpError, reply, send } from './http.mjs';
import { authorize, tokenEndpoint } from './oauth.mjs';
import { tenantForHost } from './state.mjs';

const TOKEN_PATHS = new Set(['/oauth/token', '/api/oauth/token']);

async function route(ctx) {
	const { state, req, url } = ctx;
	if (url.pathname.startsWith(ADMIN_PREFIX)) return handleAdmin(ctx);
	const tenant = tenantForHost(state, req.headers.host);
	if (!tenant) {
		const served = [...state.tenants.keys()].map((label) => `${label}.krebit.se`).join(', ');
		return reply(404, { message: `No Krebit tenant at "${req.headers.host ?? ''}". This sandbox serves ${served}.` });
	}
	const tenantCtx = { ...ctx, tenant, origin: `https://${req.headers.host}` };
	if (url.pathname === '/oauth/authorize' && req.method === 'GET') return authorize(tenantCtx);
	if (TOKEN_PATHS.has(url.pathname)) {
		if (req.method !== 'POST') throw new HttpError(405, { message: 'Use POST for the token endpoint.' });
		return tokenEndpoint(tenantCtx);
	}
	if (url.pathname === API_PREFIX || url.pathname.startsWith(`${API_PREFIX}/`)) return handleApi(tenantCtx);
	return reply(404, { message: 'Not found.' });
}

export function createHandler({ state, deliverer, log }) {
	return async function handle(req, res) {
		const started = performance.now();
		const requestId = randomUUID();
		let answer;
		try {
			const url = new URL(req.url ?? '/', 'https://sandbox.invalid');
			answer = await route({ state, deliverer, req, url });
		} catch (error) {
			if (error instanceof HttpError) answer = reply(error.status, error.body, error.headers);
			else {
				log(`error in ${req.method} ${req.url}: ${error.stack ?? error}`);
				answer = reply(500, { message: `Krebit sandbox error: ${error.message}` });
			}
		}
		send(res, { ...answer, headers: { ...answer.headers, request_id: requestId } });
		if (state.verbose) {
			log(`${req.method} ${req.headers.host ?? ''}${req.url} -> ${answer.status} (${Math.round(performance.now() - started)} ms)`);
		}
	};
}
