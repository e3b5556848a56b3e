// n8n's REST API as the editor uses it (cookie session, browser-id), for 1.123 and 2.41 alike.
import { SANDBOX_CLIENT } from './sandbox-client.mjs';
import { parseJson } from './text.mjs';

export const OWNER = { email: 'owner@krebit-demo.example', firstName: 'Krebit', lastName: 'Demo', password: 'Krebit-demo-2026' };
const BROWSER_ID = 'krebit-e2e-browser';

export class N8nRest {
	constructor(n8n) {
		this.n8n = n8n;
		this.cookies = new Map();
	}

	get base() {
		return this.n8n.base;
	}

	cookieHeader() {
		return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
	}

	keepCookies(response) {
		for (const line of response.headers.getSetCookie()) {
			const [pair] = line.split(';');
			const at = pair.indexOf('=');
			this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
		}
	}

	headers() {
		return { 'content-type': 'application/json', 'browser-id': BROWSER_ID, cookie: this.cookieHeader() };
	}

	async call(method, path, body, { raw = false } = {}) {
		const response = await fetch(`${this.base}${path}`, {
			method,
			headers: this.headers(),
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		this.keepCookies(response);
		const text = await response.text();
		const json = parseJson(text);
		if (raw) return { status: response.status, body: json };
		if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 400)}`);
		return json && typeof json === 'object' && 'data' in json ? json.data : json;
	}

	/** Creates the owner on a fresh n8n, or logs in as it after a restart. */
	async signIn() {
		const setup = await this.call('POST', '/rest/owner/setup', OWNER, { raw: true });
		if (setup.status === 200) return;
		const login = await this.call('POST', '/rest/login', { emailOrLdapLoginId: OWNER.email, email: OWNER.email, password: OWNER.password }, { raw: true });
		if (login.status !== 200) throw new Error(`could not sign in: ${setup.status} ${JSON.stringify(setup.body)}; ${login.status} ${JSON.stringify(login.body)}`);
	}

	async createCredential(name, type, data) {
		return await this.call('POST', '/rest/credentials', { name, type, data });
	}

	/** A Krebit credential for the sandbox's registered app (Client Credentials unless `grantType` says otherwise). */
	async createSandboxCredential(name = 'Krebit sandbox (client credentials)', { organization = 'demo', grantType = 'clientCredentials' } = {}) {
		return await this.createCredential(name, 'krebitOAuth2Api', { organization, grantType, clientId: SANDBOX_CLIENT.id, clientSecret: SANDBOX_CLIENT.secret });
	}

	async createWorkflow(name, nodes, connections, settings = {}) {
		return await this.call('POST', '/rest/workflows', {
			name,
			nodes,
			connections,
			active: false,
			settings: { executionOrder: 'v1', ...settings },
		});
	}

	async getWorkflow(id) {
		return await this.call('GET', `/rest/workflows/${id}`);
	}

	/** 2.x: POST …/activate (asynchronous); 1.x: PATCH with active: true (synchronous). */
	async activate(workflow) {
		const current = await this.getWorkflow(workflow.id);
		if (this.n8n.major >= 2) return await this.call('POST', `/rest/workflows/${workflow.id}/activate`, { versionId: current.versionId });
		return await this.call('PATCH', `/rest/workflows/${workflow.id}`, { active: true, versionId: current.versionId });
	}

	async deactivate(workflow) {
		const current = await this.getWorkflow(workflow.id);
		if (this.n8n.major >= 2) return await this.call('POST', `/rest/workflows/${workflow.id}/deactivate`, {});
		return await this.call('PATCH', `/rest/workflows/${workflow.id}`, { active: false, versionId: current.versionId });
	}

	/** The newest executions of a workflow; n8n 2.41 accepts a limit of at most 100. */
	async executions(workflowId, { limit = 100 } = {}) {
		const list = await this.call('GET', `/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}&limit=${limit}`);
		return list.results ?? list;
	}

	/** How many executions of a workflow n8n counts, of every status or only those given (such as ['success']). */
	async executionCount(workflowId, { status } = {}) {
		const filter = encodeURIComponent(JSON.stringify({ workflowId, ...(status ? { status } : {}) }));
		return (await this.call('GET', `/rest/executions?filter=${filter}&limit=1`)).count;
	}

	/** One execution with its run data (n8n sends it "flatted"; the install's own flatted reads it). */
	async execution(id, parse) {
		const execution = await this.call('GET', `/rest/executions/${id}`);
		return { ...execution, data: typeof execution.data === 'string' ? parse(execution.data) : execution.data };
	}

	/**
	 * Asks n8n for a credential's authorize URL, lets the sandbox consent (as the user's browser
	 * would open it), and finishes at n8n's callback with the code and state.
	 */
	async connectOAuth(credentialId, sandbox) {
		const authorizeUrl = await this.call('GET', `/rest/oauth2-credential/auth?id=${credentialId}`);
		const url = new URL(authorizeUrl);
		if (!url.hostname.endsWith('.krebit.se')) throw new Error(`Connect would open ${url.origin}`);
		const consent = await sandbox.request('GET', `${url.pathname}${url.search}`, { tenant: url.hostname.split('.')[0] });
		const back = consent.headers.location;
		if (!back) throw new Error(`the sandbox did not redirect back: ${consent.status} ${consent.text.slice(0, 200)}`);
		const callback = await fetch(back, { headers: this.headers(), redirect: 'manual' });
		const page = await callback.text();
		return { authorizeUrl: url, status: callback.status, page };
	}

	/** Runs the editor's "From list" search exactly as the editor calls it. */
	async resourceLocatorResults(body) {
		return await this.call('POST', '/rest/dynamic-node-parameters/resource-locator-results', body);
	}
}
