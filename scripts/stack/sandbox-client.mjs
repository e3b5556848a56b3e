// Talks to the Krebit sandbox from a test, bench or script process: straight to 127.0.0.1:<port>
// over TLS, checked against the sandbox's CA for the name <tenant>.krebit.se, so this process
// needs no preload. Admin calls go to /__sandbox/…; API calls get their own client-credentials
// token. `sandboxRequest` is the one HTTPS request every dev tool sends the sandbox.
import { readFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';

import { parseJson } from './text.mjs';

export const SANDBOX_CLIENT = { id: 'krebit-sandbox-client', secret: 'krebit-sandbox-secret' };

/**
 * One HTTPS request to the sandbox on `port` as `host` (SNI and Host header), verified against
 * `ca` (or the `agent`'s). `json` sends a JSON body, `form` a form body, `body` raw bytes or text.
 * Resolves `{ status, headers, text, json }`, `json` undefined when the answer is not JSON.
 */
export function sandboxRequest({ port, ca, agent }, { method = 'GET', path, host = 'demo.krebit.se', headers = {}, json, form, body, token }) {
	let payload = body;
	const outgoing = { host, accept: 'application/json', ...headers };
	if (json !== undefined) {
		payload = JSON.stringify(json);
		outgoing['content-type'] ??= 'application/json';
	} else if (form !== undefined) {
		payload = new URLSearchParams(form).toString();
		outgoing['content-type'] ??= 'application/x-www-form-urlencoded';
	}
	if (token) outgoing.authorization = `Bearer ${token}`;
	if (payload !== undefined) outgoing['content-length'] = Buffer.byteLength(payload);
	return new Promise((resolve, reject) => {
		const options = { host: '127.0.0.1', port, servername: host.replace(/:\d+$/, ''), method, path, headers: outgoing, ...(agent ? { agent } : { ca }) };
		const req = httpsRequest(options, (res) => {
			const chunks = [];
			res.on('data', (chunk) => chunks.push(chunk));
			res.on('end', () => {
				const text = Buffer.concat(chunks).toString('utf8');
				resolve({ status: res.statusCode, headers: res.headers, text, json: parseJson(text, undefined) });
			});
			res.on('error', reject);
		});
		req.on('error', reject);
		req.end(payload);
	});
}

/** The path of a subscription's or delivery's target URL, without the query n8n's trigger adds. */
export const pathOf = (target) => new URL(target).pathname;

export class SandboxClient {
	constructor({ port, caFile, tenant = 'demo' }) {
		this.port = port;
		this.ca = readFileSync(caFile);
		this.tenant = tenant;
		this.token = undefined;
	}

	/** One HTTPS request to the sandbox as if to https://<tenant>.krebit.se; an object `body` goes as JSON. */
	request(method, path, { body, headers = {}, tenant = this.tenant, agent } = {}) {
		const asJson = body !== undefined && !Buffer.isBuffer(body) && typeof body !== 'string';
		return sandboxRequest({ port: this.port, ca: this.ca, agent }, { method, path, host: `${tenant}.krebit.se`, headers, ...(asJson ? { json: body } : { body }) });
	}

	async admin(method, path, body) {
		const response = await this.request(method, `/__sandbox${path}`, { body });
		if (response.status >= 400) throw new Error(`sandbox ${method} ${path}: ${response.status} ${response.text.slice(0, 300)}`);
		return response.json;
	}

	state() {
		return this.admin('GET', '/state');
	}

	/** The subscriptions at Krebit whose targets lead to one of `paths` (n8n webhook paths), in Krebit's order. */
	async subscriptionsTo(...paths) {
		const wanted = new Set(paths.flat());
		return (await this.state()).subscriptions.filter((subscription) => wanted.has(pathOf(subscription.target)));
	}

	async accessToken() {
		if (this.token) return this.token;
		const response = await this.request('POST', '/oauth/token', {
			body: new URLSearchParams({ grant_type: 'client_credentials', client_id: SANDBOX_CLIENT.id, client_secret: SANDBOX_CLIENT.secret }).toString(),
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
		});
		if (response.status !== 200) throw new Error(`sandbox token: ${response.status} ${response.text}`);
		this.token = response.json.access_token;
		return this.token;
	}

	/** GET /api/1.0<path> with a token of our own (a fresh one if tokens were expired meanwhile). */
	async api(path) {
		for (let attempt = 0; attempt < 2; attempt++) {
			const response = await this.request('GET', `/api/1.0${path}`, { headers: { authorization: `Bearer ${await this.accessToken()}` } });
			if (response.status === 401 && attempt === 0) {
				this.token = undefined;
				continue;
			}
			if (response.status >= 400) throw new Error(`sandbox GET ${path}: ${response.status} ${response.text.slice(0, 300)}`);
			return response.json;
		}
		throw new Error('unreachable');
	}

	/** Every record of a list, page by page, as the sandbox serves it. */
	async all(path) {
		const records = [];
		for (let page = 1; ; page++) {
			const body = await this.api(`${path}${path.includes('?') ? '&' : '?'}limit=100&page=${page}`);
			records.push(...body.data);
			if (!body.meta || page >= body.meta.last_page || body.data.length === 0) return records;
		}
	}
}
