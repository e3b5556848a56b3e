// The credential through n8n's own OAuth2 flow, token expiry and rotating refresh tokens.
import assert from 'node:assert/strict';
import { it } from 'node:test';

import { sleep } from '../../../scripts/stack/wait.mjs';
import { codeNode, deployWebhookWorkflow, krebitNode } from '../../../scripts/stack/workflows.mjs';

const typedTenants = ['demo', 'demo.krebit.se', 'https://Demo.krebit.se/'];

export function credentialChecks(ctx) {
	/**
	 * One credential per way of typing the tenant, connected through n8n's OAuth2 flow (once, for
	 * whichever check asks first): each connect's outcome and the code exchanges it caused.
	 */
	let connecting;
	const connectAll = () =>
		(connecting ??= (async () => {
			const exchangesSoFar = (await ctx.krebit.state()).tokenRequests.filter((r) => r.grant === 'authorization_code').length;
			const connects = [];
			for (const organization of typedTenants) {
				const credential = await ctx.rest.createSandboxCredential(`Krebit ${organization}`, { organization, grantType: 'authorizationCode' });
				connects.push({ organization, credential, ...(await ctx.rest.connectOAuth(credential.id, ctx.krebit)) });
			}
			const exchanges = (await ctx.krebit.state()).tokenRequests.filter((r) => r.grant === 'authorization_code').slice(exchangesSoFar);
			return { connects, exchanges, connected: connects.filter((c) => c.status === 200).map((c) => c.credential) };
		})());

	it('Connect works through n8n\'s OAuth2 flow with the tenant typed three ways', async () => {
		const { connects, exchanges } = await connectAll();
		for (const { organization, authorizeUrl, status, page } of connects) {
			assert.equal(authorizeUrl.origin, 'https://demo.krebit.se', `Organization ${JSON.stringify(organization)}`);
			assert.equal(authorizeUrl.pathname, '/oauth/authorize');
			assert.equal(status, 200, `n8n's callback answered ${status}: ${page.slice(0, 200)}`);
		}
		assert.equal(exchanges.length, 3);
		for (const exchange of exchanges) {
			assert.equal(exchange.path, '/api/oauth/token');
			assert.equal(exchange.basic, false, 'client secret in the body, not HTTP Basic');
			assert.equal(exchange.result, 'ok');
		}
	});

	it('each connected credential and a client-credentials one call Krebit as the sandbox user', async () => {
		const { connected } = await connectAll();
		assert.equal(connected.length, typedTenants.length, 'every credential connected');
		const me = (await ctx.krebit.api('/me')).data;
		const nodes = [...connected, ctx.clientCredential].map((credential, index) =>
			krebitNode(`Me ${index + 1}`, credential, { resource: 'user', operation: 'getCurrent' }),
		);
		const { call } = await deployWebhookWorkflow(ctx.rest, 'e2e: me with every credential', 'e2e-me-all', nodes);
		const { status, body } = await call();
		assert.equal(status, 200, JSON.stringify(body).slice(0, 300));
		assert.deepEqual(body, [me]);
	});

	it('three runs spaced past a 2-second token lifetime all succeed, and 10 parallel items after an expiry give no invalid_grant', async () => {
		const [credential] = (await connectAll()).connected;
		assert.ok(credential, 'a connected credential');
		await ctx.krebit.admin('POST', '/config', { tokenTtlSeconds: 2 });
		try {
			// A fresh token with the short lifetime, then runs after it has expired.
			await ctx.krebit.admin('POST', '/expire-tokens');
			const single = await deployWebhookWorkflow(ctx.rest, 'e2e: me after expiry', 'e2e-me-expiry', [
				krebitNode('Me', credential, { resource: 'user', operation: 'getCurrent' }),
			]);
			for (let run = 1; run <= 3; run++) {
				const { status, body } = await single.call();
				assert.equal(status, 200, `run ${run}: ${JSON.stringify(body).slice(0, 300)}`);
				assert.equal(body[0].email, (await ctx.krebit.api('/me')).data.email);
				await sleep(2500);
			}
			const fan = await deployWebhookWorkflow(ctx.rest, 'e2e: ten items after expiry', 'e2e-me-ten', [
				codeNode('Ten items', 'return Array.from({ length: 10 }, (_, i) => ({ json: { i } }));'),
				krebitNode('Me', credential, { resource: 'user', operation: 'getCurrent' }),
			]);
			await ctx.krebit.admin('POST', '/expire-tokens');
			const { status, body } = await fan.call();
			assert.equal(status, 200, JSON.stringify(body).slice(0, 300));
			assert.equal(body.length, 10);
			const refreshes = (await ctx.krebit.state()).tokenRequests.filter((r) => r.grant === 'refresh_token');
			assert.ok(refreshes.length >= 3, `n8n refreshed (${refreshes.length} refreshes)`);
			assert.deepEqual(
				refreshes.filter((r) => r.result !== 'ok'),
				[],
				'no refresh was refused (invalid_grant)',
			);
		} finally {
			await ctx.krebit.admin('POST', '/config', { tokenTtlSeconds: 3600 });
		}
	});
}
