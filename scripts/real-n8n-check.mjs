// Called by real-n8n-check.sh with BASE set to a running n8n that has the package loaded.
import assert from 'node:assert/strict';

const BASE = process.env.BASE;
const BROWSER_ID = 'krebit-real-n8n-check';
let cookie = '';

async function call(method, path, body) {
	const response = await fetch(`${BASE}${path}`, {
		method,
		headers: { 'content-type': 'application/json', 'browser-id': BROWSER_ID, cookie },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const setCookie = response.headers.get('set-cookie');
	if (setCookie) cookie = setCookie.split(';')[0];
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

assert.ok(process.exitCode !== 1, 'some checks failed');
