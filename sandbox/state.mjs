// Everything the sandbox remembers: settings, tenants, tokens, counters and logs.
import { createTenant } from './data/tenant.mjs';

export const DEFAULT_CLIENT_ID = 'krebit-sandbox-client';
export const DEFAULT_CLIENT_SECRET = 'krebit-sandbox-secret';
const API_LOG_SIZE = 500;
const LOG_SIZE = 1000;

export function parseTenantLabels(value) {
	const labels = (Array.isArray(value) ? value : String(value ?? 'demo').split(','))
		.map((label) => String(label).trim().toLowerCase())
		.filter(Boolean);
	for (const label of labels) {
		if (!/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(label)) throw new Error(`"${label}" is not a tenant label (one DNS label, such as demo)`);
	}
	return labels.length > 0 ? [...new Set(labels)] : ['demo'];
}

export function createState(options = {}) {
	const labels = parseTenantLabels(options.tenants);
	const generation = { seed: options.seed ?? 42, clients: options.clients ?? 10_000, acts: options.acts ?? 2000 };
	return {
		config: {
			latencyMs: options.latencyMs ?? 0,
			tokenTtlSeconds: options.tokenTtlSeconds ?? 3600,
			pageCap: options.pageCap ?? 50,
			deliveryRetryDelaysMs: options.deliveryRetryDelaysMs ?? [1000, 5000, 15000],
			rateLimitPerSecond: options.rateLimitPerSecond ?? 0,
			rateLimitRetryAfter: options.rateLimitRetryAfter,
			clientId: options.clientId ?? DEFAULT_CLIENT_ID,
			clientSecret: options.clientSecret ?? DEFAULT_CLIENT_SECRET,
		},
		verbose: Boolean(options.verbose),
		tenants: new Map(labels.map((label) => [label, createTenant(label, generation)])),
		/** access token -> { tenant, clientId, grant, expiresAt } */
		accessTokens: new Map(),
		/** code -> { tenant, clientId, redirectUri, expiresAt } */
		codes: new Map(),
		/** refresh token -> { tenant, clientId } */
		refreshTokens: new Map(),
		faults: [],
		/** tenant label -> the rate limit's current window { start, count } */
		rateWindows: new Map(),
		stats: emptyStats(),
		deliveries: [],
		uploads: [],
		reminders: [],
		receivedFiles: [],
	};
}

function emptyStats() {
	return { tokenRequests: [], authorizeRequests: [], apiRequests: 0, apiRequestLog: [], inFlight: 0, peakInFlight: 0, rateLimited: 0 };
}

/** Zeroes counters and logs; requests still running stay counted in flight. */
export function resetStats(state) {
	const { inFlight } = state.stats;
	Object.assign(state.stats, emptyStats(), { inFlight, peakInFlight: inFlight });
	state.deliveries.length = 0;
	state.uploads.length = 0;
	state.reminders.length = 0;
	state.receivedFiles.length = 0;
}

/** The tenant a Host header names (`demo.krebit.se`, with or without port or final dot). */
export function tenantForHost(state, host) {
	const name = String(host ?? '')
		.toLowerCase()
		.replace(/:\d+$/, '')
		.replace(/\.$/, '');
	const match = /^([a-z0-9-]+)\.krebit\.se$/.exec(name);
	return match ? state.tenants.get(match[1]) : undefined;
}

export function pushCapped(list, entry, size = LOG_SIZE) {
	list.push(entry);
	if (list.length > size) list.splice(0, list.length - size);
}

export function recordApiRequest(state, line) {
	state.stats.apiRequests += 1;
	pushCapped(state.stats.apiRequestLog, line, API_LOG_SIZE);
}
