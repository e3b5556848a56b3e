// An origin that is not Krebit: what a redirect fault points at. It records every request it
// receives (method, path, whether it carried an Authorization header, the body's size) and
// answers with JSON that looks like a Krebit record, so a client that followed the redirect would
// take it for Krebit's answer. Plain HTTP, or HTTPS with the sandbox's certificate (valid for
// 127.0.0.1). Dev only, never shipped.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createServer as createTlsServer } from 'node:https';

import { defaultTlsDir, ensureCertificates } from './tls.mjs';

/** Starts a collector on `host:port` (0 = any free port); `tls` serves HTTPS. */
export async function startCollector({ host = '127.0.0.1', port = 0, tls = false, tlsDir = defaultTlsDir() } = {}) {
	const received = [];
	const handle = (req, res) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => {
			const url = new URL(req.url ?? '/', 'http://collector');
			received.push({
				method: req.method,
				path: url.pathname,
				authorization: req.headers.authorization !== undefined,
				bodyBytes: Buffer.concat(chunks).length,
			});
			const body = JSON.stringify({ data: { id: 'collector', name: 'Not Krebit', email: 'collector@example.net' } });
			res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
			res.end(body);
		});
	};
	let server;
	if (tls) {
		const { certFile, keyFile } = ensureCertificates(tlsDir);
		server = createTlsServer({ cert: readFileSync(certFile), key: readFileSync(keyFile) }, handle);
	} else {
		server = createServer(handle);
	}
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, resolve);
	});
	const actualPort = server.address().port;
	return {
		port: actualPort,
		origin: `${tls ? 'https' : 'http'}://${host}:${actualPort}`,
		/** Every request received, oldest first. */
		received,
		close: () =>
			new Promise((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}
