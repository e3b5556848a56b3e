// Everything under /api/1.0: counting, latency and fault injection, the Bearer token check, and
// the routes of Krebit Finance and Krebit Sign.
import { setTimeout as sleep } from 'node:timers/promises';

import { HttpError, reply } from '../http.mjs';
import { authenticate } from '../oauth.mjs';
import { recordApiRequest } from '../state.mjs';
import { financeRoutes } from './finance.mjs';
import { signingRoutes } from './signings.mjs';
import { webhookRoutes } from './webhooks.mjs';

export const API_PREFIX = '/api/1.0';
const routes = [...financeRoutes, ...webhookRoutes, ...signingRoutes];

const FAULT_MESSAGES = {
	429: 'Too Many Attempts.',
	500: 'Server Error',
	502: 'Bad Gateway',
	503: 'Service Unavailable',
	504: 'Gateway Timeout',
};

/** Takes one use of the first fault that matches this request, if any. */
function takeFault(state, method, path) {
	const index = state.faults.findIndex(
		(fault) => (fault.path === '*' || path.startsWith(fault.path)) && (!fault.method || fault.method === method),
	);
	if (index === -1) return undefined;
	const fault = state.faults[index];
	fault.count -= 1;
	if (fault.count <= 0) state.faults.splice(index, 1);
	const headers = fault.retryAfter === undefined ? {} : { 'retry-after': String(fault.retryAfter) };
	// A redirect fault: Krebit (or a proxy in front of it) sending the client somewhere else.
	if (fault.location !== undefined) return reply(fault.status, '', { ...headers, location: fault.location });
	return reply(fault.status, { message: fault.message ?? FAULT_MESSAGES[fault.status] ?? `Injected error ${fault.status}` }, headers);
}

function route(method, path) {
	let pathMatched = false;
	for (const candidate of routes) {
		const match = candidate.pattern.exec(path);
		if (!match) continue;
		pathMatched = true;
		if (candidate.method === method) return { candidate, params: match.groups ?? {} };
	}
	if (pathMatched) throw new HttpError(405, { message: `The ${method} method is not supported for this route.` });
	throw new HttpError(404, { message: 'Not found.' });
}

export async function handleApi(ctx) {
	const { state, req, url } = ctx;
	const path = url.pathname.slice(API_PREFIX.length) || '/';
	const stats = state.stats;
	recordApiRequest(state, `${req.method} ${path}${url.search}`);
	stats.inFlight += 1;
	stats.peakInFlight = Math.max(stats.peakInFlight, stats.inFlight);
	try {
		if (state.config.latencyMs > 0) await sleep(state.config.latencyMs);
		const fault = takeFault(state, req.method, path);
		if (fault) return fault;
		const token = authenticate(state, ctx.tenant, req);
		if (!token) return reply(401, { message: 'Unauthenticated.' });
		const { candidate, params } = route(req.method, path);
		return await candidate.handle({ ...ctx, token, path }, params);
	} finally {
		stats.inFlight -= 1;
	}
}
