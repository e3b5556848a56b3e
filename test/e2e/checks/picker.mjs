// The editor's "From list" client picker, called exactly as the editor calls it.
import assert from 'node:assert/strict';
import { it } from 'node:test';

import { SANDBOX_CLIENT } from '../../../scripts/stack/sandbox-client.mjs';

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

	/** The client-list requests Krebit received since `before` (the sandbox's request counter and log). */
	const clientListRequestsSince = async (before) => {
		const state = await ctx.krebit.state();
		const count = state.apiRequests - before.apiRequests;
		const lines = count > 0 ? state.apiRequestLog.slice(-count) : [];
		return { all: count, clientLists: lines.filter((line) => line.startsWith('GET /clients?')).length };
	};

	/** One search as the editor sends it, timed (how long the user waits) and counted (what reached Krebit). */
	const measured = async (filter, credential) => {
		const before = await ctx.krebit.state();
		const started = performance.now();
		const answer = await search(filter, undefined, credential);
		const seconds = (performance.now() - started) / 1000;
		return { answer, seconds, requests: await clientListRequestsSince(before) };
	};

	it('a repeated search for client 5,000 of 10,000 answers from the picker cache, by name and by org number (times printed, not asserted)', async () => {
		const client = (await ctx.krebit.api('/clients/5000')).data;
		// A credential of its own for each way, so each first search starts from an empty cache
		// and no other check's credential or cache is touched; both are deleted at the end.
		const made = [];
		try {
			for (const [how, filter] of [
				['name', client.company_name],
				['org number', client.org_number],
			]) {
				const credential = await ctx.rest.createCredential(`Krebit picker timing (${how})`, 'krebitOAuth2Api', {
					organization: 'demo',
					grantType: 'clientCredentials',
					clientId: SANDBOX_CLIENT.id,
					clientSecret: SANDBOX_CLIENT.secret,
				});
				made.push(credential);
				const first = await measured(filter, credential);
				const repeated = await measured(filter, credential);
				for (const [which, { answer }] of [['first', first], ['repeated', repeated]]) {
					assert.ok(
						answer.results.some((result) => String(result.value) === '5000'),
						`the ${which} search for "${filter}" (by ${how}) listed ${answer.results.map((r) => r.name).slice(0, 5).join('; ')}`,
					);
				}
				assert.ok(first.requests.clientLists > 0, `the first search by ${how} read the client list from Krebit`);
				assert.equal(repeated.requests.clientLists, 0, `the repeated search by ${how} sent no client list request to Krebit`);
				console.log(
					`# n8n ${ctx.version} picker, client 5,000 of 10,000 by ${how}: first search ${first.seconds.toFixed(2)} s ` +
						`(${first.requests.clientLists} client list requests to Krebit), repeated ${repeated.seconds.toFixed(2)} s (${repeated.requests.clientLists})`,
				);
			}
		} finally {
			for (const credential of made) await ctx.rest.call('DELETE', `/rest/credentials/${credential.id}`).catch(() => undefined);
		}
	});
}
