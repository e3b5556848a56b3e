/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console -- dev-only bench stand-in, never shipped */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';

import { clients } from '../test/harness/fake-lists';

/**
 * A Krebit stand-in for the bench, in its own process so its CPU stays out of the profile:
 * HTTPS on 127.0.0.1:<port>, GET /api/1.0/clients?limit=&page= over `records` clients, pages
 * capped at `cap`, with Laravel `meta`. Pages are serialized once, up front.
 * Each list page is answered `latency` ms late (a crude stand-in for distance: TCP and TLS
 * handshakes stay instant).
 *   node krebit-server.js <port> <key.pem> <cert.pem> [records=10000] [cap=50] [latency=0]
 */
const [port, keyFile, certFile, recordsArg = '10000', capArg = '50', latencyArg = '0'] = process.argv.slice(2);
const latency = Number(latencyArg);
const records = clients(Number(recordsArg));
const cap = Number(capArg);
const lastPage = Math.ceil(records.length / cap);
const pages = Array.from({ length: lastPage }, (_, i) =>
	Buffer.from(
		JSON.stringify({
			data: records.slice(i * cap, (i + 1) * cap),
			meta: { current_page: i + 1, last_page: lastPage, per_page: cap, total: records.length, from: i * cap + 1, to: (i + 1) * cap },
		}),
	),
);
const empty = Buffer.from('{"data":[]}');
let served = 0;
let connections = 0;

const server = createServer({ key: readFileSync(keyFile), cert: readFileSync(certFile) }, (request, response) => {
	const url = new URL(request.url ?? '/', 'https://localhost');
	if (url.pathname === '/count') {
		// Requests and TLS connections since the last /count (not counting this one).
		const count = Buffer.from(`${served} ${connections - 1}`);
		served = 0;
		connections = 0;
		response.writeHead(200, { 'Content-Length': count.length }).end(count);
		return;
	}
	if (url.pathname !== '/api/1.0/clients') {
		response.writeHead(404).end();
		return;
	}
	served++;
	const page = Number(url.searchParams.get('page') ?? 1);
	const body = pages[page - 1] ?? empty;
	const send = () => response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': body.length }).end(body);
	if (latency > 0) setTimeout(send, latency);
	else send();
});
server.on('secureConnection', () => connections++);
server.listen(Number(port), '127.0.0.1', () => console.log('ready'));
