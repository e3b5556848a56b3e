// The editor's "From list" client picker, called exactly as the editor calls it.
import assert from 'node:assert/strict';
import { it } from 'node:test';

import { SANDBOX_CLIENT } from '../lib/sandbox-client.mjs';

export function pickerChecks(ctx) {
	const search = (filter, paginationToken, credential = ctx.clientCredential) =>
		ctx.rest.resourceLocatorResults({
			path: 'clientId',
			nodeTypeAndVersion: { name: 'n8n-nodes-krebit.krebit', version: 1 },
			currentNodeParameters: { resource: 'client', operation: 'get', clientId: { __rl: true, mode: 'list', value: '' } },
			methodName: 'searchClients',
			credentials: { krebitOAuth2Api: { id: credential.id, name: credential.name } },
			...(filter ? { filter } : {}),
			...(paginationToken ? { paginationToken } : {}),
		});

	it("the editor's client picker: two loads give 100 distinct clients; the org number of client 5,000 of 10,000 finds it", async () => {
		const first = await search();
		assert.ok(first.paginationToken, 'the picker offers more after the first load');
		const second = await search(undefined, first.paginationToken);
		const ids = new Set([...first.results, ...second.results].map((result) => String(result.value)));
		assert.equal(ids.size, 100);
		const client = (await ctx.krebit.api('/clients/5000')).data;
		const found = await search(client.org_number);
		assert.ok(
			found.results.some((result) => String(result.value) === '5000'),
			`searching ${client.org_number} listed ${found.results.map((r) => r.name).slice(0, 5).join('; ')}`,
		);
	});

	/** One search, timed: how long the editor waits for the answer. */
	const timed = async (filter, credential) => {
		const started = performance.now();
		const answer = await search(filter, undefined, credential);
		return { answer, seconds: (performance.now() - started) / 1000 };
	};

	it('a repeated search for client 5,000 of 10,000 answers from the picker cache (by name and by org number; times printed, not asserted)', async () => {
		const client = (await ctx.krebit.api('/clients/5000')).data;
		const credentialFor = async (name) =>
			await ctx.rest.createCredential(name, 'krebitOAuth2Api', {
				organization: 'demo',
				grantType: 'clientCredentials',
				clientId: SANDBOX_CLIENT.id,
				clientSecret: SANDBOX_CLIENT.secret,
			});
		// A credential of its own for each way, so each first search starts from an empty cache.
		for (const [how, filter] of [
			['name', client.company_name],
			['org number', client.org_number],
		]) {
			const credential = await credentialFor(`Krebit picker timing (${how})`);
			const first = await timed(filter, credential);
			const repeated = await timed(filter, credential);
			for (const { answer } of [first, repeated]) {
				assert.ok(answer.results.some((result) => String(result.value) === '5000'), `searching ${filter} by ${how} found client 5,000`);
			}
			console.log(`# picker, client 5,000 of 10,000 by ${how}: first search ${first.seconds.toFixed(2)} s, repeated ${repeated.seconds.toFixed(2)} s`);
		}
	});
}
