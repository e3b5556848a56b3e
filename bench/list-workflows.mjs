// The Return All workflows the bench compares, each started by a Webhook that answers with a
// small checksum of the items (never the 10,000 items themselves):
//   a. our Krebit node, Client > Get Many, Return All, Simplify off;
//   b. n8n's HTTP Request node with its own pagination and a generic OAuth2 credential, then Split Out;
//   d. the same records from a Code node without HTTP, then Split Out (n8n's cost of emitting them).

import { SANDBOX_CLIENT } from '../scripts/stack/sandbox-client.mjs';
import { codeNode, deployWebhookWorkflow, krebitNode, node } from '../scripts/stack/workflows.mjs';

export const CLIENT_COUNT = 10_000;
export const PAGE_CAP = 50;

/**
 * How many records there are, how many distinct ids, whether the ids keep the API's order
 * (ascending), and the first and last id: outside n8n for the raw loop, and inside the Code node
 * that ends every n8n variant (this very function's source, run once for all items).
 */
export function checksumOf(records) {
	const ids = new Set();
	let ascending = true;
	let previous = -Infinity;
	for (const record of records) {
		ids.add(record.id);
		if (!(record.id > previous)) ascending = false;
		previous = record.id;
	}
	return { count: records.length, distinct: ids.size, ascending, first: records[0]?.id ?? null, last: records.at(-1)?.id ?? null };
}

const CHECKSUM_CODE = `return [{ json: (${checksumOf.toString()})($input.all().map((item) => item.json)) }];`;

/** Throws, loudly, unless a run gave exactly the 10,000 clients once each in the API's order. */
export function assertAllClients(label, checksum) {
	const expected = { count: CLIENT_COUNT, distinct: CLIENT_COUNT, ascending: true, first: 1, last: CLIENT_COUNT };
	const wrong = Object.keys(expected).filter((key) => checksum?.[key] !== expected[key]);
	if (wrong.length > 0) {
		throw new Error(`${label}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(checksum)} (wrong: ${wrong.join(', ')})`);
	}
}

export async function createCredentials(rest) {
	const krebit = await rest.createSandboxCredential();
	const generic = await rest.createCredential('Generic OAuth2 to demo.krebit.se', 'oAuth2Api', {
		grantType: 'clientCredentials',
		accessTokenUrl: 'https://demo.krebit.se/oauth/token',
		clientId: SANDBOX_CLIENT.id,
		clientSecret: SANDBOX_CLIENT.secret,
		scope: '',
		authQueryParameters: '',
		authentication: 'body',
	});
	return { krebit, generic };
}

const splitOutData = () => node('Split Out', 'n8n-nodes-base.splitOut', 1, { fieldToSplitOut: 'data', include: 'noOtherFields', options: {} });

/** HTTP Request v4.2: page in the query, limit=50, complete when the last page was read. */
function httpRequestNode(credential) {
	return node(
		'HTTP Request',
		'n8n-nodes-base.httpRequest',
		4.2,
		{
			method: 'GET',
			url: 'https://demo.krebit.se/api/1.0/clients',
			authentication: 'genericCredentialType',
			genericAuthType: 'oAuth2Api',
			sendQuery: true,
			specifyQuery: 'keypair',
			queryParameters: { parameters: [{ name: 'limit', value: String(PAGE_CAP) }] },
			options: {
				pagination: {
					pagination: {
						paginationMode: 'updateAParameterInEachRequest',
						parameters: { parameters: [{ type: 'qs', name: 'page', value: '={{ $pageCount + 1 }}' }] },
						paginationCompleteWhen: 'other',
						completeExpression: '={{ $response.body.meta.current_page >= $response.body.meta.last_page }}',
					},
				},
			},
		},
		{ credentials: { oAuth2Api: { id: credential.id, name: credential.name } } },
	);
}

/** One item holding every record under `data`, as one page of the API would, but all at once. */
function recordsCodeNode(records) {
	return codeNode('Records', `return [{ json: { data: JSON.parse(${JSON.stringify(JSON.stringify(records))}) } }];`);
}

/** The variants as the bench names and deploys them; `records` are the sandbox's clients for d. */
export function listVariants(credentials, records) {
	return [
		{
			key: 'a',
			label: 'a. Krebit node',
			nodes: () => [krebitNode('Krebit', credentials.krebit, { resource: 'client', operation: 'getAll', returnAll: true, simplify: false })],
		},
		{ key: 'b', label: 'b. HTTP Request + Split Out', nodes: () => [httpRequestNode(credentials.generic), splitOutData()] },
		{ key: 'c', label: 'c. raw HTTPS loop (no n8n)', raw: true },
		{ key: 'd', label: 'd. n8n emitting 10,000 items (Code + Split Out, no HTTP)', nodes: () => [recordsCodeNode(records), splitOutData()] },
	];
}

/** Creates and activates each n8n variant's workflow; adds `workflow` and `call` to it. */
export async function deployListVariants(rest, variants) {
	for (const variant of variants) {
		if (variant.raw) continue;
		const path = `bench-list-${variant.key}`;
		const deployed = await deployWebhookWorkflow(rest, `bench: ${variant.label}`, path, [...variant.nodes(), codeNode('Checksum', CHECKSUM_CODE)]);
		Object.assign(variant, deployed);
	}
	return variants;
}
