// The editor's "From list" client picker, called exactly as the editor calls it.
import assert from 'node:assert/strict';
import { it } from 'node:test';

export function pickerChecks(ctx) {
	const search = (filter, paginationToken) =>
		ctx.rest.resourceLocatorResults({
			path: 'clientId',
			nodeTypeAndVersion: { name: 'n8n-nodes-krebit.krebit', version: 1 },
			currentNodeParameters: { resource: 'client', operation: 'get', clientId: { __rl: true, mode: 'list', value: '' } },
			methodName: 'searchClients',
			credentials: { krebitOAuth2Api: { id: ctx.clientCredential.id, name: ctx.clientCredential.name } },
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
}
