// Called by real-n8n-check.sh with BASE set to a running n8n that has the package loaded.
import assert from 'node:assert/strict';

const BASE = process.env.BASE;
const BROWSER_ID = 'krebit-real-n8n-check';
const cookies = new Map();
const cookieHeader = () => [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
function keepCookies(response) {
	for (const line of response.headers.getSetCookie()) {
		const [pair] = line.split(';');
		const at = pair.indexOf('=');
		cookies.set(pair.slice(0, at), pair.slice(at + 1));
	}
}

async function call(method, path, body) {
	const response = await fetch(`${BASE}${path}`, {
		method,
		headers: { 'content-type': 'application/json', 'browser-id': BROWSER_ID, cookie: cookieHeader() },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	keepCookies(response);
	const text = await response.text();
	let json;
	try {
		json = JSON.parse(text);
	} catch {
		json = text;
	}
	if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 300)}`);
	return json?.data ?? json;
}

function report(ok, what) {
	console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
	if (!ok) process.exitCode = 1;
}

await call('POST', '/rest/owner/setup', {
	email: 'owner@example.com',
	firstName: 'Krebit',
	lastName: 'Check',
	password: 'Krebit-check-1234',
});

const credentialTypes = await call('GET', '/types/credentials.json');
const credential = credentialTypes.find((type) => type.name === 'krebitOAuth2Api');
report(Boolean(credential), 'n8n lists the credential type krebitOAuth2Api');
const fields = credential?.properties.map((p) => p.name) ?? [];
const ours = ['organization', 'grantType', 'codeGrantEndpoint', 'clientCredentialsEndpoint', 'authUrl', 'accessTokenUrl', 'scope', 'authQueryParameters', 'authentication'];
report(JSON.stringify(fields.slice(0, ours.length)) === JSON.stringify(ours), `its fields: ${fields.join(', ')}`);
report(JSON.stringify(credential?.extends) === '["oAuth2Api"]', 'it extends oAuth2Api');

const nodeTypes = await call('GET', '/types/nodes.json');
for (const name of ['n8n-nodes-krebit.krebit', 'n8n-nodes-krebit.krebitTrigger']) {
	const node = nodeTypes.find((type) => type.name === name);
	report(Boolean(node), `n8n lists the node ${name}${node ? ` ("${node.displayName}", ${node.properties.length} parameters)` : ''}`);
}

// n8n's Connect always adds a scope parameter; an empty one is the closest to none it allows.
/** Saves a credential through n8n's REST API and asks n8n for its OAuth authorize URL. */
async function authorizeUrlFor(organization) {
	const saved = await call('POST', '/rest/credentials', {
		name: `Krebit ${organization}`,
		type: 'krebitOAuth2Api',
		data: { organization, grantType: 'authorizationCode', clientId: 'check-client-id', clientSecret: 'check-client-secret' },
	});
	return new URL(await call('GET', `/rest/oauth2-credential/auth?id=${saved.id}`));
}

for (const [typed, host] of [
	['acme', 'acme.krebit.se'],
	[' https://AcMe.krebit.se/login ', 'acme.krebit.se'],
	['YourCo.krebit.se.', 'yourco.krebit.se'],
	['acme.krebit.se.evil.com', 'invalid-organization-.krebit.se'],
	['https://evil.com@acme.krebit.se/', 'invalid-organization-.krebit.se'],
]) {
	const url = await authorizeUrlFor(typed);
	const params = url.searchParams;
	report(
		url.protocol === 'https:' && url.host === host && url.pathname === '/oauth/authorize' &&
			params.get('client_id') === 'check-client-id' && params.get('response_type') === 'code' &&
			Boolean(params.get('state')) && Boolean(params.get('redirect_uri')) && (params.get('scope') ?? '') === '',
		`Organization ${JSON.stringify(typed)}: n8n's Connect opens ${url.origin}${url.pathname}?${[...params.keys()].join('&')} (scope=${JSON.stringify(params.get('scope'))})`,
	);
}

// ---- Workflows against the local Krebit stub (https://acme.krebit.se on 127.0.0.1) ----
const STUB = 'https://acme.krebit.se';
const stub = async (path, body) =>
	(await fetch(`${STUB}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) })).json();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const stubState = async () => (await fetch(`${STUB}/__admin/state`)).json();

/** n8n 2.41 activates and deactivates in the background: poll until `done` says so (30 s at most). */
async function eventually(done) {
	for (let i = 0; i < 60; i++) {
		const value = await done();
		if (value) return value;
		await sleep(500);
	}
	return undefined;
}

const clientCredential = await call('POST', '/rest/credentials', {
	name: 'Krebit (client credentials)',
	type: 'krebitOAuth2Api',
	data: { organization: 'https://Acme.krebit.se/', grantType: 'clientCredentials', clientId: 'check-client-id', clientSecret: 'check-client-secret' },
});
const krebitCredentials = { krebitOAuth2Api: { id: clientCredential.id, name: 'Krebit (client credentials)' } };

async function createAndActivate(name, nodes, connections) {
	const workflow = await call('POST', '/rest/workflows', { name, nodes, connections, settings: { executionOrder: 'v1' } });
	await call('POST', `/rest/workflows/${workflow.id}/activate`, { versionId: workflow.versionId });
	return workflow;
}

const clientsWorkflow = await createAndActivate(
	'Krebit clients',
	[
		{ id: 'w1', name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: 'b7f1c2d3-0000-4000-8000-000000000001',
			parameters: { httpMethod: 'GET', path: 'krebit-clients', responseMode: 'lastNode', responseData: 'allEntries' } },
		{ id: 'k1', name: 'Krebit', type: 'n8n-nodes-krebit.krebit', typeVersion: 1, position: [200, 0], credentials: krebitCredentials,
			parameters: { resource: 'client', operation: 'getAll', returnAll: true } },
	],
	{ Webhook: { main: [[{ node: 'Krebit', type: 'main', index: 0 }]] } },
);
const clientsResponse = await eventually(async () => {
	const response = await fetch(`${BASE}/webhook/krebit-clients`);
	return response.status === 404 ? undefined : response;
});
const clientsOut = await clientsResponse.json();
let state = await stubState();
report(
	clientsResponse.status === 200 && Array.isArray(clientsOut) && clientsOut.length === 250 &&
		clientsOut[0].company_name === 'Bergström Bygg AB 1' && clientsOut[0].contact_email === undefined,
	`Client > Get Many > Return All in a real workflow: ${Array.isArray(clientsOut) ? clientsOut.length : JSON.stringify(clientsOut).slice(0, 200)} simplified clients`,
);
report(
	JSON.stringify(state.apiRequests) === JSON.stringify(['GET /clients?limit=100&page=1', 'GET /clients?limit=100&page=2', 'GET /clients?limit=100&page=3']),
	`Krebit saw ${state.apiRequests.join(', ')}`,
);
report(
	state.tokenRequests.length === 1 && state.tokenRequests[0].path === '/oauth/token' && !state.tokenRequests[0].basic,
	`one client-credentials token from /oauth/token, secret in the body: ${JSON.stringify(state.tokenRequests)}`,
);
await call('POST', `/rest/workflows/${clientsWorkflow.id}/deactivate`, {});

const triggerWebhookId = 'c8e2d3f4-0000-4000-8000-000000000002';
const triggerWorkflow = await createAndActivate(
	'Krebit act created',
	[
		{ id: 't1', name: 'Krebit Trigger', type: 'n8n-nodes-krebit.krebitTrigger', typeVersion: 1, position: [0, 0], webhookId: triggerWebhookId,
			credentials: krebitCredentials, parameters: { events: ['act.created'] } },
		{ id: 'n1', name: 'No Operation', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [200, 0], parameters: {} },
	],
	{ 'Krebit Trigger': { main: [[{ node: 'No Operation', type: 'main', index: 0 }]] } },
);
const expectedTarget = `${BASE}/webhook/${triggerWebhookId}/webhook`;
state = (await eventually(async () => ((await stubState()).subscriptions.length > 0 ? stubState() : undefined))) ?? (await stubState());
report(
	state.subscriptions.length === 1 && state.subscriptions[0].event === 'act.created' && state.subscriptions[0].target === expectedTarget,
	`activation made one Krebit webhook: ${JSON.stringify(state.subscriptions.map(({ event, target }) => ({ event, target })))}`,
);

async function executions() {
	const list = await call('GET', `/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: triggerWorkflow.id }))}`);
	return list.count ?? list.results?.length ?? 0;
}
const delivered = await stub('/__admin/deliver', { event: 'act.created', data: { uuid: 'act-e2e-1', client_id: 42, amount: 250000 } });
report(delivered.length === 1 && delivered[0].status === 200, `a signed act.created delivery was answered ${delivered.map((d) => d.status)}`);
await eventually(async () => (await executions()) > 0);
await sleep(1000);
report((await executions()) === 1, 'it started exactly one execution');
const forged = await stub('/__admin/forge');
await sleep(1000);
report(forged[0]?.status === 401, `a forged delivery (one space added) was answered ${forged.map((d) => d.status)}`);
const resent = await stub('/__admin/redeliver');
await sleep(1000);
report(resent[0]?.status === 200, `the same delivery re-sent was answered ${resent.map((d) => d.status)}`);
report((await executions()) === 1, 'and neither started another execution');

await call('POST', `/rest/workflows/${triggerWorkflow.id}/deactivate`, {});
state = (await eventually(async () => ((await stubState()).subscriptions.length === 0 ? stubState() : undefined))) ?? (await stubState());
report(state.subscriptions.length === 0, `deactivation removed the Krebit webhook (${state.subscriptions.length} left)`);

// ---- Authorization Code: n8n's own Connect, then refreshes with single-use refresh tokens ----
const codeCredential = await call('POST', '/rest/credentials', {
	name: 'Krebit (authorization code)',
	type: 'krebitOAuth2Api',
	data: { organization: 'acme.krebit.se', grantType: 'authorizationCode', clientId: 'check-client-id', clientSecret: 'check-client-secret' },
});
const authorizeUrl = await call('GET', `/rest/oauth2-credential/auth?id=${codeCredential.id}`);
const consent = await fetch(authorizeUrl, { redirect: 'manual' });
const callback = await fetch(consent.headers.get('location'), {
	headers: { 'browser-id': BROWSER_ID, cookie: cookieHeader() },
	redirect: 'manual',
});
const callbackPage = await callback.text();
state = await stubState();
const exchange = state.tokenRequests.find((r) => r.grant === 'authorization_code');
report(
	callback.status === 200 && exchange?.path === '/api/oauth/token' && exchange.result === 'ok' && !exchange.basic && exchange.scope === undefined,
	`Connect: Krebit's consent sent n8n back with a code, n8n exchanged it at ${exchange?.path} (${exchange?.result}, secret in the body) and answered ${callback.status}${callback.status === 200 ? '' : `: ${callbackPage.slice(0, 200)}`}`,
);

const meWorkflow = await createAndActivate(
	'Krebit me',
	[
		{ id: 'w2', name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: 'd9f3e4a5-0000-4000-8000-000000000003',
			parameters: { httpMethod: 'GET', path: 'krebit-me', responseMode: 'lastNode', responseData: 'firstEntryJson' } },
		{ id: 'k2', name: 'Krebit', type: 'n8n-nodes-krebit.krebit', typeVersion: 1, position: [200, 0],
			credentials: { krebitOAuth2Api: { id: codeCredential.id, name: 'Krebit (authorization code)' } },
			parameters: { resource: 'user', operation: 'getCurrent' } },
	],
	{ Webhook: { main: [[{ node: 'Krebit', type: 'main', index: 0 }]] } },
);
const me = async () => {
	const response = await eventually(async () => {
		const r = await fetch(`${BASE}/webhook/krebit-me`);
		return r.status === 404 ? undefined : r;
	});
	return response.json();
};
const runs = [];
for (let run = 1; run <= 3; run++) {
	if (run > 1) await stub('/__admin/expire-tokens');
	runs.push((await me()).email ?? 'error');
}
state = await stubState();
const refreshes = state.tokenRequests.filter((r) => r.grant === 'refresh_token');
report(runs.every((email) => email === 'anna@acme.se'), `three runs with the connected credential, tokens expired before runs 2 and 3: ${runs.join(', ')}`);
report(
	refreshes.length === 2 && refreshes.every((r) => r.result === 'ok' && r.path === '/api/oauth/token' && !r.basic),
	`n8n refreshed twice, each time with the newest single-use refresh token: ${JSON.stringify(refreshes.map((r) => r.result))}`,
);
await call('POST', `/rest/workflows/${meWorkflow.id}/deactivate`, {});

assert.ok(process.exitCode !== 1, 'some checks failed');
