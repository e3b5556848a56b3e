// Shared by the sandbox tests: start a small sandbox and talk to it over real HTTPS.
import { readFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';

import { startSandbox } from '../../sandbox/index.mjs';
import { sandboxRequest } from '../../scripts/stack/sandbox-client.mjs';

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
 * A small sandbox and a client-credentials token for the tests of one file: started before them,
 * stopped after. `api(method, path, spec)` calls `/api/1.0<path>` with the token.
 */
export function useSmallSandbox(options) {
	const krebit = { api: (method, path, rest = {}) => krebit.sandbox.call({ method, path: `/api/1.0${path}`, token: krebit.token, ...rest }) };
	before(async () => {
		krebit.sandbox = await startSmallSandbox(options);
		krebit.token = await clientToken(krebit.sandbox);
	});
	after(() => krebit.sandbox.stop());
	return krebit;
}

/** One HTTPS request to the sandbox (see sandboxRequest) over the test's keep-alive agent. */
export const call = (sandbox, agent, spec) => sandboxRequest({ port: sandbox.port, agent }, spec);

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
