// Shared by the sandbox tests: start a small sandbox and talk to it over real HTTPS.
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startSandbox } from '../../sandbox/index.mjs';

export const CLIENT_ID = 'krebit-sandbox-client';
export const CLIENT_SECRET = 'krebit-sandbox-secret';
export const TLS_DIR = join(tmpdir(), 'krebit-sandbox-test-tls');

/** A sandbox on a free port with little data; `t.after` closes it. */
export async function startSmallSandbox(options = {}) {
	const sandbox = await startSandbox({ port: 0, tlsDir: TLS_DIR, clients: 200, acts: 100, log: () => {}, ...options });
	const agent = new Agent({ ca: readFileSync(sandbox.caFile), keepAlive: true });
	return {
		...sandbox,
		agent,
		call: (spec) => call(sandbox, agent, spec),
		async stop() {
			agent.destroy();
			await sandbox.close();
		},
	};
}

/**
 * One HTTPS request to the sandbox as `host` (SNI and Host header), verified against the CA.
 * `json` sends a JSON body, `form` a form body, `body` raw bytes. Resolves status, headers,
 * raw text and parsed JSON (when it is JSON).
 */
export function call(sandbox, agent, { method = 'GET', path, host = 'demo.krebit.se', headers = {}, json, form, body, token }) {
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
		const req = request(
			{ host: '127.0.0.1', port: sandbox.port, servername: host.replace(/:\d+$/, ''), method, path, headers: outgoing, agent },
			(res) => {
				const chunks = [];
				res.on('data', (chunk) => chunks.push(chunk));
				res.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					let parsed;
					try {
						parsed = JSON.parse(text);
					} catch {
						parsed = undefined;
					}
					resolve({ status: res.statusCode, headers: res.headers, text, json: parsed });
				});
			},
		);
		req.on('error', reject);
		req.end(payload);
	});
}

/** A client-credentials access token for the tenant. */
export async function clientToken(sandbox, host = 'demo.krebit.se') {
	const answer = await sandbox.call({
		method: 'POST',
		path: '/oauth/token',
		host,
		form: { grant_type: 'client_credentials', client_id: CLIENT_ID, client_secret: CLIENT_SECRET },
	});
	if (answer.status !== 200) throw new Error(`token: ${answer.status} ${answer.text}`);
	return answer.json.access_token;
}

export const admin = (sandbox, method, name, json) => sandbox.call({ method, path: `/__sandbox/${name}`, json });
