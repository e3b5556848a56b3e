// The sandbox's per-tenant rate limit: N API requests per second, then 429 with Retry-After;
// set at start, by the admin API, and by the CLI flag.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

import { TLS_DIR, admin, call, clientToken, startSmallSandbox } from './helpers.mjs';

let sandbox;
let demoToken;
let acmeToken;

before(async () => {
	sandbox = await startSmallSandbox({ tenants: 'demo,acme', rateLimitPerSecond: 3 });
	demoToken = await clientToken(sandbox);
	acmeToken = await clientToken(sandbox, 'acme.krebit.se');
});
after(() => sandbox.stop());

const me = (token, host = 'demo.krebit.se') => sandbox.call({ path: '/api/1.0/me', token, host });

/** Waits until the tenant's window has ended: the next request opens a new one. */
async function freshWindow() {
	await sleep(1050);
}

test('above 3 requests per second a tenant gets 429 "Too Many Attempts." with Retry-After; another tenant is not held', async () => {
	await admin(sandbox, 'POST', 'reset-stats');
	await freshWindow();
	const answers = await Promise.all(Array.from({ length: 5 }, () => me(demoToken)));
	const statuses = answers.map((answer) => answer.status).sort();
	assert.deepEqual(statuses, [200, 200, 200, 429, 429]);
	const refused = answers.find((answer) => answer.status === 429);
	assert.deepEqual(refused.json, { message: 'Too Many Attempts.' });
	assert.equal(refused.headers['retry-after'], '1');
	assert.ok(refused.headers.request_id);
	assert.equal((await me(acmeToken, 'acme.krebit.se')).status, 200);
	const state = (await admin(sandbox, 'GET', 'state')).json;
	assert.equal(state.rateLimited, 2);
	assert.equal(state.apiRequests, 6);
	assert.equal(state.config.rateLimitPerSecond, 3);
});

test('after Retry-After the tenant answers again; refused requests do not use up the next window', async () => {
	await freshWindow();
	for (let i = 0; i < 3; i++) assert.equal((await me(demoToken)).status, 200);
	assert.equal((await me(demoToken)).status, 429);
	await freshWindow();
	for (let i = 0; i < 3; i++) assert.equal((await me(demoToken)).status, 200);
});

test('the admin API sets the limit and the Retry-After sent, turns it off with 0, and refuses nonsense', async () => {
	let config = (await admin(sandbox, 'POST', 'config', { rateLimitPerSecond: 1, rateLimitRetryAfter: 7 })).json;
	assert.equal(config.rateLimitPerSecond, 1);
	assert.equal(config.rateLimitRetryAfter, 7);
	await freshWindow();
	assert.equal((await me(demoToken)).status, 200);
	const refused = await me(demoToken);
	assert.equal(refused.status, 429);
	assert.equal(refused.headers['retry-after'], '7');

	config = (await admin(sandbox, 'POST', 'config', { rateLimitPerSecond: 0, rateLimitRetryAfter: null })).json;
	assert.equal(config.rateLimitPerSecond, 0);
	assert.equal(config.rateLimitRetryAfter, undefined);
	const burst = await Promise.all(Array.from({ length: 10 }, () => me(demoToken)));
	assert.deepEqual([...new Set(burst.map((answer) => answer.status))], [200]);

	const wrong = await admin(sandbox, 'POST', 'config', { rateLimitPerSecond: -1, rateLimitRetryAfter: 'soon' });
	assert.equal(wrong.status, 400);
	assert.deepEqual(Object.keys(wrong.json.errors).sort(), ['rateLimitPerSecond', 'rateLimitRetryAfter']);
	await admin(sandbox, 'POST', 'config', { rateLimitPerSecond: 3 });
});

test('the OAuth token endpoint and the admin API are not limited', async () => {
	await admin(sandbox, 'POST', 'config', { rateLimitPerSecond: 1 });
	await freshWindow();
	for (let i = 0; i < 4; i++) assert.ok(await clientToken(sandbox));
	for (let i = 0; i < 4; i++) assert.equal((await admin(sandbox, 'GET', 'config')).status, 200);
	await admin(sandbox, 'POST', 'config', { rateLimitPerSecond: 3 });
});

test('the CLI flags --rate-limit and --rate-limit-retry-after', async () => {
	const server = fileURLToPath(new URL('../../sandbox/server.mjs', import.meta.url));
	const child = spawn(process.execPath, [server, '--port', '0', '--clients', '20', '--acts', '5', '--tls-dir', TLS_DIR, '--rate-limit', '2', '--rate-limit-retry-after', '3'], {
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	try {
		const ready = (await createInterface({ input: child.stdout })[Symbol.asyncIterator]().next()).value;
		const port = Number(ready.match(/:(\d+) /)[1]);
		const cli = { port };
		const config = (await call(cli, sandbox.agent, { path: '/__sandbox/config' })).json;
		assert.equal(config.rateLimitPerSecond, 2);
		assert.equal(config.rateLimitRetryAfter, 3);
	} finally {
		child.kill('SIGTERM');
		await new Promise((resolve) => child.on('exit', resolve));
	}
});
