// The preload a real n8n runs with: https://<tenant>.krebit.se on port 443 reaches the sandbox,
// through the https module and through fetch (undici), with the certificate verified.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';

import { CLIENT_ID, CLIENT_SECRET, startSmallSandbox } from './helpers.mjs';

const PRELOAD = fileURLToPath(new URL('../../sandbox/preload.cjs', import.meta.url));
let sandbox;
before(async () => {
	sandbox = await startSmallSandbox();
});
after(() => sandbox.stop());

/** Runs `script` in a new Node with the preload; resolves what it printed as JSON. */
async function runWithPreload(script, { withCa = true } = {}) {
	const env = { ...process.env, KREBIT_SANDBOX_PORT: String(sandbox.port) };
	delete env.NODE_TEST_CONTEXT;
	delete env.NODE_OPTIONS;
	if (withCa) env.NODE_EXTRA_CA_CERTS = sandbox.caFile;
	else delete env.NODE_EXTRA_CA_CERTS;
	const { stdout } = await promisify(execFile)(process.execPath, ['--require', PRELOAD, '--input-type=module', '-e', script], { env, timeout: 20_000 });
	return JSON.parse(stdout);
}

const HTTPS_GET = `
import https from 'node:https';
import tls from 'node:tls';
const checkedNames = [];
const answer = await new Promise((resolve, reject) => {
	https.get('https://demo.krebit.se/api/1.0/me', {
		checkServerIdentity: (name, cert) => { checkedNames.push(name); return tls.checkServerIdentity(name, cert); },
	}, (res) => {
		let text = '';
		res.on('data', (chunk) => (text += chunk));
		res.on('end', () => resolve({ status: res.statusCode, requestId: res.headers.request_id, body: JSON.parse(text) }));
	}).on('error', reject);
});
console.log(JSON.stringify({ ...answer, checkedNames }));
`;

test('the https module reaches https://demo.krebit.se on the sandbox port and checks the certificate for that name', async () => {
	const result = await runWithPreload(HTTPS_GET);
	assert.equal(result.status, 401);
	assert.deepEqual(result.body, { message: 'Unauthenticated.' });
	assert.match(result.requestId, /^[0-9a-f-]{36}$/);
	assert.deepEqual(result.checkedNames, ['demo.krebit.se']);
});

test('fetch (undici) follows the same route: a token from /oauth/token, then /me with it', async () => {
	const result = await runWithPreload(`
		const tokenAnswer = await fetch('https://demo.krebit.se/oauth/token', {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ grant_type: 'client_credentials', client_id: '${CLIENT_ID}', client_secret: '${CLIENT_SECRET}' }),
		});
		const { access_token } = await tokenAnswer.json();
		const me = await fetch('https://demo.krebit.se/api/1.0/me', { headers: { authorization: 'Bearer ' + access_token } });
		console.log(JSON.stringify({ token: tokenAnswer.status, me: me.status, organization: (await me.json()).data.organization.name }));
	`);
	assert.deepEqual(result, { token: 200, me: 200, organization: 'Demo AB' });
});

test('dns.lookup answers 127.0.0.1 for krebit.se names (callback, promise, all) and leaves other names alone', async () => {
	const result = await runWithPreload(`
		import dns from 'node:dns';
		const viaCallback = await new Promise((resolve) => dns.lookup('acme.krebit.se', (error, address, family) => resolve([address, family])));
		const all = await dns.promises.lookup('demo.krebit.se', { all: true });
		const one = await dns.promises.lookup('x.krebit.se.');
		const other = await dns.promises.lookup('localhost');
		console.log(JSON.stringify({ viaCallback, all, one, otherIsLoopback: ['127.0.0.1', '::1'].includes(other.address) }));
	`);
	assert.deepEqual(result, {
		viaCallback: ['127.0.0.1', 4],
		all: [{ address: '127.0.0.1', family: 4 }],
		one: { address: '127.0.0.1', family: 4 },
		otherIsLoopback: true,
	});
});

test('without the sandbox CA the connection is refused: TLS is still verified', async () => {
	const result = await runWithPreload(
		`const outcome = await fetch('https://demo.krebit.se/api/1.0/me').then((r) => 'status ' + r.status, (e) => e.cause?.code ?? e.message);
		console.log(JSON.stringify(outcome));`,
		{ withCa: false },
	);
	assert.equal(result, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE');
});
