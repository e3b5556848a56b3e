// What n8n itself makes of the installed package.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';

import { ROOT } from '../../../scripts/stack/n8n-process.mjs';

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
/** `dist/nodes/KrebitTrigger/KrebitTrigger.node.js` → `n8n-nodes-krebit.krebitTrigger`. */
const declaredNodes = manifest.n8n.nodes.map((file) => {
	const base = file.split('/').pop().replace('.node.js', '');
	return `n8n-nodes-krebit.${base[0].toLowerCase()}${base.slice(1)}`;
});

export function packageChecks(ctx) {
	it('n8n lists every node of the package, the AI Tool variant, and the credential', async () => {
		const nodeTypes = await ctx.rest.call('GET', '/types/nodes.json');
		const names = new Set(nodeTypes.map((type) => type.name));
		for (const name of [...declaredNodes, 'n8n-nodes-krebit.krebitTool']) assert.ok(names.has(name), `n8n lists ${name}`);
		const krebit = nodeTypes.find((type) => type.name === 'n8n-nodes-krebit.krebit');
		assert.equal(krebit.displayName, 'Krebit');
		assert.deepEqual(krebit.credentials.map((c) => c.name), ['krebitOAuth2Api']);

		const credentialTypes = await ctx.rest.call('GET', '/types/credentials.json');
		const credential = credentialTypes.find((type) => type.name === 'krebitOAuth2Api');
		assert.ok(credential, 'n8n lists the krebitOAuth2Api credential');
		assert.deepEqual(credential.extends, ['oAuth2Api']);
		assert.ok(credential.properties.some((p) => p.name === 'organization'), 'it has the Organization field');
	});
}
