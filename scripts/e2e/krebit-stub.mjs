// A small stand-in for Krebit over TLS on 127.0.0.1:443, for scripts/real-n8n-check.sh only:
// the authorize page (consents at once), tokens for the authorization-code, refresh (single-use,
// rotated) and client-credentials grants, /me, paginated clients, webhooks, and signed webhook
// deliveries (admin endpoints under /__admin). Usage: node krebit-stub.mjs <cert.pem> <key.pem>
import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';

const [certFile, keyFile] = process.argv.slice(2);
const CLIENT_ID = 'check-client-id';
const CLIENT_SECRET = 'check-client-secret';
const TENANT = 'acme.krebit.se';

const state = {
	tokenRequests: [],
	apiRequests: [],
	tokens: new Set(),
	codes: new Map(),
	refreshTokens: new Set(),
	subscriptions: [],
	nextId: 1,
	lastDelivery: undefined,
};
const issue = () => {
	const token = randomBytes(16).toString('hex');
	state.tokens.add(token);
	return token;
};
const clients = Array.from({ length: 250 }, (_, i) => ({
	id: i + 1,
	company_name: `Bergström Bygg AB ${i + 1}`,
	org_number: `556${String(1000000 + i).padStart(7, '0')}`,
	country: 'SE',
	credit_limit: 50000,
	currency: 'SEK',
	rating: 'A',
	contact_email: `ekonomi${i + 1}@example.se`,
	updated_at: '2026-11-01T12:00:00Z',
}));

const send = (res, status, body) => {
	res.writeHead(status, { 'content-type': 'application/json', request_id: `stub-${Date.now()}` });
	res.end(body === undefined ? '' : JSON.stringify(body));
};

async function readBody(req) {
	const chunks = [];
	for await (const chunk of req) chunks.push(chunk);
	return Buffer.concat(chunks).toString('utf8');
}

async function deliver(subscription, bytes) {
	const signature = createHmac('sha256', subscription.secret).update(bytes).digest('hex');
	const response = await fetch(subscription.target, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'x-signature': signature, 'x-client-id': CLIENT_ID },
		body: bytes,
	});
	return { target: subscription.target, status: response.status };
}

createServer({ cert: readFileSync(certFile), key: readFileSync(keyFile) }, async (req, res) => {
	const url = new URL(req.url, `https://${req.headers.host}`);
	const body = await readBody(req);
	if (url.hostname !== TENANT) return send(res, 404, { message: `Unknown tenant ${url.hostname}` });

	if (req.method === 'GET' && url.pathname === '/oauth/authorize') {
		// Consents at once: back to n8n with a single-use code and the state n8n sent.
		const code = randomBytes(12).toString('hex');
		state.codes.set(code, url.searchParams.get('redirect_uri'));
		const back = new URL(url.searchParams.get('redirect_uri'));
		back.searchParams.set('code', code);
		back.searchParams.set('state', url.searchParams.get('state') ?? '');
		res.writeHead(302, { location: back.toString() });
		return res.end();
	}

	if (req.method === 'POST' && (url.pathname === '/oauth/token' || url.pathname === '/api/oauth/token')) {
		const form = Object.fromEntries(new URLSearchParams(body));
		const record = { path: url.pathname, grant: form.grant_type, basic: /^Basic/i.test(req.headers.authorization ?? ''), scope: form.scope };
		state.tokenRequests.push(record);
		if (form.client_id !== CLIENT_ID || form.client_secret !== CLIENT_SECRET) return send(res, 401, { error: 'invalid_client' });
		if (form.grant_type === 'client_credentials') {
			return send(res, 200, { access_token: issue(), token_type: 'Bearer', expires_in: 3600 });
		}
		if (form.grant_type === 'authorization_code' || form.grant_type === 'refresh_token') {
			const valid =
				form.grant_type === 'authorization_code'
					? state.codes.get(form.code) === form.redirect_uri && state.codes.delete(form.code)
					: state.refreshTokens.delete(form.refresh_token);
			record.result = valid ? 'ok' : 'invalid_grant';
			if (!valid) return send(res, 400, { error: 'invalid_grant', error_description: 'The grant is invalid or was already used.' });
			const refreshToken = randomBytes(16).toString('hex');
			state.refreshTokens.add(refreshToken);
			return send(res, 200, { access_token: issue(), refresh_token: refreshToken, token_type: 'Bearer', expires_in: 3600 });
		}
		return send(res, 400, { error: 'unsupported_grant_type' });
	}

	if (url.pathname.startsWith('/__admin/')) {
		if (url.pathname === '/__admin/state') {
			return send(res, 200, { ...state, tokens: state.tokens.size, codes: state.codes.size, refreshTokens: state.refreshTokens.size, lastDelivery: undefined });
		}
		if (url.pathname === '/__admin/expire-tokens') {
			// Every access token issued so far stops working, as after an hour.
			state.tokens.clear();
			return send(res, 200, {});
		}
		if (url.pathname === '/__admin/deliver') {
			const { event, data } = JSON.parse(body);
			const bytes = Buffer.from(JSON.stringify({ id: randomBytes(8).toString('hex'), event, created_at: new Date().toISOString(), data }));
			const matching = state.subscriptions.filter((s) => s.event === event);
			state.lastDelivery = { bytes, matching };
			return send(res, 200, await Promise.all(matching.map((s) => deliver(s, bytes))));
		}
		if (url.pathname === '/__admin/redeliver') {
			const { bytes, matching } = state.lastDelivery;
			return send(res, 200, await Promise.all(matching.map((s) => deliver(s, bytes))));
		}
		if (url.pathname === '/__admin/forge') {
			const { bytes, matching } = state.lastDelivery;
			const forged = Buffer.from(bytes.toString().replace('"event"', ' "event"'));
			const results = await Promise.all(
				matching.map(async (s) => {
					const response = await fetch(s.target, {
						method: 'POST',
						headers: { 'content-type': 'application/json', 'x-signature': createHmac('sha256', s.secret).update(bytes).digest('hex') },
						body: forged,
					});
					return { target: s.target, status: response.status };
				}),
			);
			return send(res, 200, results);
		}
		return send(res, 404, {});
	}

	if (!url.pathname.startsWith('/api/1.0/')) return send(res, 404, { message: 'Not found.' });
	const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
	if (!state.tokens.has(token)) return send(res, 401, { message: 'Unauthenticated.' });
	const path = url.pathname.slice('/api/1.0'.length);
	state.apiRequests.push(`${req.method} ${path}${url.search}`);

	if (req.method === 'GET' && path === '/me') {
		return send(res, 200, { data: { id: 1, name: 'Anna Berg', email: 'anna@acme.se', organization: { id: 1, name: 'Acme AB' } } });
	}
	if (req.method === 'GET' && path === '/clients') {
		const limit = Math.min(Number(url.searchParams.get('limit') ?? 15), 100);
		const page = Number(url.searchParams.get('page') ?? 1);
		const data = clients.slice((page - 1) * limit, page * limit);
		const lastPage = Math.ceil(clients.length / limit);
		return send(res, 200, { data, meta: { current_page: page, last_page: lastPage, per_page: limit, total: clients.length } });
	}
	if (path === '/webhooks' && req.method === 'POST') {
		const { event, target } = JSON.parse(body);
		const subscription = { id: state.nextId++, event, target, secret: randomBytes(24).toString('hex') };
		state.subscriptions.push(subscription);
		return send(res, 201, { data: subscription });
	}
	if (path === '/webhooks' && req.method === 'GET') {
		return send(res, 200, { data: state.subscriptions });
	}
	const match = /^\/webhooks\/(\d+)$/.exec(path);
	if (match && req.method === 'DELETE') {
		const index = state.subscriptions.findIndex((s) => s.id === Number(match[1]));
		if (index === -1) return send(res, 404, { message: 'Not found.' });
		state.subscriptions.splice(index, 1);
		return send(res, 204);
	}
	return send(res, 404, { message: 'Not found.' });
}).listen(443, '127.0.0.1', () => console.log('krebit stub listening on 127.0.0.1:443'));
