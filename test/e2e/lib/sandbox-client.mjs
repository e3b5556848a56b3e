// Talks to the Krebit sandbox from a test or script process: straight to 127.0.0.1:<port> over
// TLS, checked against the sandbox's CA for the name <tenant>.krebit.se, so this process needs
// no preload. Admin calls go to /__sandbox/…; API calls get their own client-credentials token.
import { readFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';

export const SANDBOX_CLIENT = { id: 'krebit-sandbox-client', secret: 'krebit-sandbox-secret' };

export class SandboxClient {
	constructor({ port, caFile, tenant = 'demo' }) {
		this.port = port;
		this.ca = readFileSync(caFile);
		this.tenant = tenant;
		this.token = undefined;
	}

	/** One HTTPS request to the sandbox as if to https://<tenant>.krebit.se. */
	request(method, path, { body, headers = {}, tenant = this.tenant } = {}) {
		const host = `${tenant}.krebit.se`;
		const payload = body === undefined ? undefined : Buffer.isBuffer(body) || typeof body === 'string' ? body : JSON.stringify(body);
		return new Promise((resolve, reject) => {
			const req = httpsRequest(
				{
					host: '127.0.0.1',
					port: this.port,
					servername: host,
					ca: this.ca,
					method,
					path,
					headers: {
						host,
						accept: 'application/json',
						...(payload !== undefined && !headers['content-type'] ? { 'content-type': 'application/json' } : {}),
						...headers,
					},
				},
				(res) => {
					const chunks = [];
					res.on('data', (chunk) => chunks.push(chunk));
					res.on('end', () => {
						const text = Buffer.concat(chunks).toString('utf8');
						let json;
						try {
							json = JSON.parse(text);
						} catch {
							json = undefined;
						}
						resolve({ status: res.statusCode, headers: res.headers, text, json });
					});
				},
			);
			req.on('error', reject);
			if (payload !== undefined) req.write(payload);
			req.end();
		});
	}

	async admin(method, path, body) {
		const response = await this.request(method, `/__sandbox${path}`, { body });
		if (response.status >= 400) throw new Error(`sandbox ${method} ${path}: ${response.status} ${response.text.slice(0, 300)}`);
		return response.json;
	}

	state() {
		return this.admin('GET', '/state');
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
