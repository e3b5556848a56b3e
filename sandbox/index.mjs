// startSandbox: the Krebit sandbox as an HTTPS server in this process.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';

import { createActAndDeliver } from './admin.mjs';
import { createHandler } from './app.mjs';
import { createDeliverer } from './deliveries.mjs';
import { createState } from './state.mjs';
import { defaultTlsDir, ensureCertificates } from './tls.mjs';

/**
 * Starts the sandbox. Options: port (0 = any free one), host, tenants ('demo,acme' or a list),
 * tlsDir, clients, acts, seed, tokenTtlSeconds, latencyMs, pageCap, rateLimitPerSecond,
 * rateLimitRetryAfter, clientId, clientSecret, deliveryRetryDelaysMs, verbose, log (a function for log lines; console.error by default).
 * Resolves `{ port, origin, caFile, state, createAct({tenant, clientId}), close() }`.
 */
export async function startSandbox(options = {}) {
	const { port = 8443, host = '127.0.0.1', tlsDir = defaultTlsDir() } = options;
	const log = options.log ?? ((line) => console.error(line));
	const { caFile, certFile, keyFile } = ensureCertificates(tlsDir);
	const state = createState(options);
	const deliverer = createDeliverer(state);
	const server = createServer(
		{ cert: readFileSync(certFile), key: readFileSync(keyFile), minVersion: 'TLSv1.2' },
		createHandler({ state, deliverer, log }),
	);
	server.keepAliveTimeout = 5000;

	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const address = server.address();
	const actualPort = typeof address === 'object' && address ? address.port : port;

	let closing;
	return {
		port: actualPort,
		origin: `https://${host.includes(':') ? `[${host}]` : host}:${actualPort}`,
		caFile,
		state,
		/** Creates an act on the tenant (the first one by default) and delivers act.created. */
		createAct: ({ tenant, clientId } = {}) => {
			const chosen = state.tenants.get(tenant ?? state.tenants.keys().next().value);
			if (!chosen) throw new Error(`Tenant "${tenant}" is not served`);
			return createActAndDeliver({ state, deliverer }, chosen, clientId);
		},
		close() {
			closing ??= new Promise((resolve) => {
				deliverer.close();
				server.close(() => resolve());
				server.closeAllConnections();
			});
			return closing;
		},
	};
}
