// The admin API under /__sandbox/ (no auth, dev only): inspect and steer the sandbox from tests.
import { SIGNING_STATUSES, createAct, createClient, createSigning, setSigningStatus } from './data/tenant.mjs';
import { HttpError, notFound, parseFields, readBody, reply, validationError } from './http.mjs';
import { expireAccessTokens } from './oauth.mjs';
import { resetStats, tenantForHost } from './state.mjs';

export const ADMIN_PREFIX = '/__sandbox/';

/** The tenant named in the body or query, else the one of the Host header, else the first. */
function chooseTenant(state, req, url, values) {
	const label = values.tenant ?? url.searchParams.get('tenant');
	if (label !== undefined && label !== null && label !== '') {
		const tenant = state.tenants.get(String(label).toLowerCase());
		if (!tenant) throw new HttpError(404, { message: `Tenant "${label}" is not served here (tenants: ${[...state.tenants.keys()].join(', ')}).` });
		return tenant;
	}
	return tenantForHost(state, req.headers.host) ?? state.tenants.values().next().value;
}

const countsOf = (tenant) => ({
	clients: tenant.clients.total,
	acts: tenant.acts.length,
	signings: tenant.signings.length,
	templates: tenant.templates.length,
});

function publicConfig({ clientSecret, ...config }) {
	return config;
}

function snapshot(state, tenant) {
	const tenants = [...state.tenants.values()];
	return {
		tenants: tenants.map((each) => each.label),
		counts: countsOf(tenant),
		countsByTenant: Object.fromEntries(tenants.map((each) => [each.label, countsOf(each)])),
		subscriptions: tenants.flatMap((each) => each.webhooks.map((subscription) => ({ tenant: each.label, ...subscription }))),
		tokenRequests: state.stats.tokenRequests,
		authorizeRequests: state.stats.authorizeRequests,
		apiRequests: state.stats.apiRequests,
		apiRequestLog: state.stats.apiRequestLog,
		inFlight: state.stats.inFlight,
		peakInFlight: state.stats.peakInFlight,
		deliveries: state.deliveries,
		uploads: state.uploads,
		faults: state.faults,
		tokens: { access: state.accessTokens.size, refresh: state.refreshTokens.size, codes: state.codes.size },
		config: publicConfig(state.config),
	};
}

const isCount = (value, min) => Number.isInteger(value) && value >= min;

function updateConfig(state, values) {
	const errors = {};
	const { latencyMs, tokenTtlSeconds, pageCap, deliveryRetryDelaysMs } = values;
	if (latencyMs !== undefined && !(typeof latencyMs === 'number' && latencyMs >= 0)) errors.latencyMs = ['A number of milliseconds, 0 or more.'];
	if (tokenTtlSeconds !== undefined && !isCount(tokenTtlSeconds, 1)) errors.tokenTtlSeconds = ['A whole number of seconds, 1 or more.'];
	if (pageCap !== undefined && !isCount(pageCap, 1)) errors.pageCap = ['A whole number, 1 or more.'];
	if (deliveryRetryDelaysMs !== undefined && !(Array.isArray(deliveryRetryDelaysMs) && deliveryRetryDelaysMs.every((ms) => typeof ms === 'number' && ms >= 0))) {
		errors.deliveryRetryDelaysMs = ['A list of delays in milliseconds, such as [1000, 5000, 15000].'];
	}
	if (Object.keys(errors).length > 0) throw validationError(errors);
	for (const [key, value] of Object.entries({ latencyMs, tokenTtlSeconds, pageCap, deliveryRetryDelaysMs })) {
		if (value !== undefined) state.config[key] = value;
	}
	return publicConfig(state.config);
}

function addFault(state, values) {
	const { status, count = 1, retryAfter, method, message, location } = values;
	let path = typeof values.path === 'string' ? values.path.trim() : '*';
	if (path !== '*') path = `/${path.replace(/^\/?(api\/1\.0\/?)?/, '')}`;
	const errors = {};
	if (!isCount(status, 100) || status > 599) errors.status = ['An HTTP status such as 429, 500 or 503.'];
	if (!isCount(count, 1)) errors.count = ['How many requests get the fault: a whole number, 1 or more.'];
	if (retryAfter !== undefined && !(typeof retryAfter === 'number' && retryAfter >= 0)) errors.retryAfter = ['Seconds, 0 or more.'];
	if (location !== undefined && !(typeof location === 'string' && location !== '' && status >= 300 && status < 400)) {
		errors.location = ['A redirect target such as https://elsewhere.example/x or /api/1.0/me, with a 3xx status.'];
	}
	if (Object.keys(errors).length > 0) throw validationError(errors);
	state.faults.push({ path, method: method ? String(method).toUpperCase() : undefined, status, count, retryAfter, message, location });
	return state.faults;
}

/** Creates an act, delivers act.created, answers once each delivery's first attempt did. */
export async function createActAndDeliver({ state, deliverer }, tenant, clientId) {
	const act = createAct(tenant, { clientId });
	if (!act) throw notFound('Client');
	const deliveries = await deliverer.deliver(tenant, 'act.created', act);
	return { act, deliveries };
}

export async function handleAdmin(ctx) {
	const { state, deliverer, req, url } = ctx;
	const name = url.pathname.slice(ADMIN_PREFIX.length).replace(/\/$/, '');
	const body = req.method === 'POST' ? await readBody(req, 1024 * 1024) : Buffer.alloc(0);
	const values = body.length > 0 ? parseFields(body, req.headers['content-type'] ?? 'application/json').values : {};
	const tenant = chooseTenant(state, req, url, values);
	const key = `${req.method} ${name}`;
	switch (key) {
		case 'GET state':
			return reply(200, snapshot(state, tenant));
		case 'POST reset-stats':
			resetStats(state);
			return reply(200, { ok: true });
		case 'GET config':
			return reply(200, publicConfig(state.config));
		case 'POST config':
			return reply(200, updateConfig(state, values));
		case 'GET faults':
			return reply(200, state.faults);
		case 'POST faults':
			return reply(200, addFault(state, values));
		case 'DELETE faults':
			state.faults.length = 0;
			return reply(200, state.faults);
		case 'POST expire-tokens':
			return reply(200, { expired: expireAccessTokens(state) });
		case 'POST acts':
			return reply(200, await createActAndDeliver(ctx, tenant, values.client_id));
		case 'POST clients':
			return reply(200, { client: createClient(tenant, { companyName: values.company_name }) });
		case 'POST signings':
			return reply(200, { signing: createSigning(tenant, { name: values.name }) });
		case 'POST deliver': {
			if (typeof values.event !== 'string' || values.event === '') throw validationError({ event: ['The event field is required.'] });
			return reply(200, { deliveries: await deliverer.deliver(tenant, values.event, values.data ?? {}) });
		}
		case 'POST redeliver':
		case 'POST forge': {
			const deliveries = await deliverer[name](values.delivery_id);
			if (!deliveries) throw notFound('Delivery');
			return reply(200, { deliveries });
		}
	}
	const statusMatch = /^signings\/([^/]+)\/status$/.exec(name);
	if (req.method === 'POST' && statusMatch) {
		const signing = tenant.signingsById.get(statusMatch[1].toLowerCase());
		if (!signing) throw notFound('Signing');
		if (!SIGNING_STATUSES.includes(values.status)) throw validationError({ status: [`Use one of ${SIGNING_STATUSES.join(', ')}.`] });
		return reply(200, { signing: setSigningStatus(tenant, signing, values.status) });
	}
	throw new HttpError(404, { message: `No admin endpoint ${req.method} ${url.pathname}.` });
}
