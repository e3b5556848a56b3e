#!/usr/bin/env node
// The Krebit sandbox from the command line. `node sandbox/server.mjs --help` lists the options.
import { parseArgs } from 'node:util';

import { startSandbox } from './index.mjs';
import { defaultTlsDir } from './tls.mjs';

const HELP = `Usage: node sandbox/server.mjs [options]
  --port 8443          port to listen on (0 = any free port)
  --host 127.0.0.1     address to listen on
  --tenants demo       tenant labels served, comma-separated (host <label>.krebit.se)
  --tls-dir DIR        where the CA and certificate live (default ${defaultTlsDir()})
  --clients 10000      seeded clients per tenant
  --acts 2000          seeded acts per tenant (over the first 800 clients)
  --seed 42            seed of the generated data
  --token-ttl 3600     access token lifetime in seconds
  --latency-ms 0       delay added before every /api/1.0 answer
  --page-cap 50        largest page size a list returns
  --rate-limit 0       API requests per second per tenant; above it 429 with Retry-After; 0 = no limit
  --rate-limit-retry-after S  Retry-After sent with that 429 (default: seconds left in the window, at least 1)
  --acts-every 0       create an act (and deliver act.created) every N seconds; 0 = never
  --client-id ID       registered OAuth client id (krebit-sandbox-client)
  --client-secret S    its secret (krebit-sandbox-secret)
  --verbose            log every request on stderr
Press Enter (when stdin is a terminal) to create an act now.`;

const spec = {
	port: { type: 'string', default: '8443' },
	host: { type: 'string', default: '127.0.0.1' },
	tenants: { type: 'string', default: 'demo' },
	'tls-dir': { type: 'string' },
	clients: { type: 'string', default: '10000' },
	acts: { type: 'string', default: '2000' },
	seed: { type: 'string', default: '42' },
	'token-ttl': { type: 'string', default: '3600' },
	'latency-ms': { type: 'string', default: '0' },
	'page-cap': { type: 'string', default: '50' },
	'acts-every': { type: 'string', default: '0' },
	'rate-limit': { type: 'string', default: '0' },
	'rate-limit-retry-after': { type: 'string' },
	'client-id': { type: 'string' },
	'client-secret': { type: 'string' },
	verbose: { type: 'boolean', default: false },
	help: { type: 'boolean', short: 'h', default: false },
};

function fail(message) {
	console.error(`krebit sandbox: ${message}\n\n${HELP}`);
	process.exit(2);
}

function numberOption(values, name, min) {
	const value = Number(values[name]);
	if (!Number.isFinite(value) || value < min) fail(`--${name} must be a number of at least ${min}, got "${values[name]}"`);
	return value;
}

let values;
try {
	({ values } = parseArgs({ options: spec, strict: true }));
} catch (error) {
	fail(error.message);
}
if (values.help) {
	console.log(HELP);
	process.exit(0);
}

let sandbox;
try {
	sandbox = await startSandbox({
		port: numberOption(values, 'port', 0),
		host: values.host,
		tenants: values.tenants,
		tlsDir: values['tls-dir'],
		clients: Math.floor(numberOption(values, 'clients', 0)),
		acts: Math.floor(numberOption(values, 'acts', 0)),
		seed: numberOption(values, 'seed', 0),
		tokenTtlSeconds: Math.floor(numberOption(values, 'token-ttl', 1)),
		latencyMs: numberOption(values, 'latency-ms', 0),
		pageCap: Math.floor(numberOption(values, 'page-cap', 1)),
		rateLimitPerSecond: Math.floor(numberOption(values, 'rate-limit', 0)),
		rateLimitRetryAfter: values['rate-limit-retry-after'] === undefined ? undefined : Math.floor(numberOption(values, 'rate-limit-retry-after', 0)),
		clientId: values['client-id'],
		clientSecret: values['client-secret'],
		verbose: values.verbose,
	});
} catch (error) {
	console.error(`krebit sandbox: could not start: ${error.message}`);
	process.exit(1);
}

const tenants = [...sandbox.state.tenants.keys()];
console.log(`krebit sandbox ready on ${sandbox.origin} (tenants: ${tenants.join(',')}; CA: ${sandbox.caFile})`);

async function createActs() {
	for (const tenant of tenants) {
		try {
			const { act, deliveries } = await sandbox.createAct({ tenant });
			const client = sandbox.state.tenants.get(tenant).clients.get(act.client_id);
			const answers = deliveries.map((delivery) => delivery.status ?? delivery.error).join(', ');
			console.log(
				`act ${act.uuid} on ${tenant}: client ${act.client_id} (${client.company_name}), ${act.template_name}, ${act.amount} SEK; ` +
					`${deliveries.length} ${deliveries.length === 1 ? 'delivery' : 'deliveries'}${answers ? ` (${answers})` : ''}`,
			);
		} catch (error) {
			console.error(`krebit sandbox: could not create an act on ${tenant}: ${error.message}`);
		}
	}
}

const actsEvery = numberOption(values, 'acts-every', 0);
const timer = actsEvery > 0 ? setInterval(createActs, actsEvery * 1000) : undefined;
if (process.stdin.isTTY) {
	process.stdin.on('data', (chunk) => {
		if (chunk.includes('\n') || chunk.includes('\r')) void createActs();
	});
}

let stopping = false;
async function stop() {
	if (stopping) return;
	stopping = true;
	clearInterval(timer);
	process.stdin.pause();
	await sandbox.close();
	process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
