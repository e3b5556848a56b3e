/** Splits a V8 CPU profile (from node:inspector's Profiler) into the parts of a Return All. */

export interface CpuProfileNode {
	id: number;
	callFrame: { functionName: string; url: string };
	children?: number[];
}

export interface CpuProfile {
	nodes: CpuProfileNode[];
	samples: number[];
	timeDeltas: number[];
}

interface Frame {
	name: string;
	url: string;
}

const inCredentials = (stack: Frame[]) =>
	stack.some((f) => f.name === '_getCredentials' || (f.name === 'getDecrypted' && f.url.includes('credentials-helper')));

/** First rule whose test matches the stack (root first) names the part; order matters. */
const RULES: Array<[string, (stack: Frame[], leaf: Frame) => boolean]> = [
	['GC', (_s, leaf) => leaf.name === '(garbage collector)'],
	['idle', (_s, leaf) => leaf.name === '(idle)'],
	[
		'credential resolution: expressions',
		(stack) => inCredentials(stack) && stack.some((f) => f.url.includes('n8n-workflow/dist/cjs/expression')),
	],
	['credential resolution: the rest', inCredentials],
	['JSON.parse of responses', (stack) => stack.some((f) => f.name === 'transformResponse' || (f.name === 'parse' && f.url === ''))],
	['HTTP I/O stand-in (nock)', (stack) => stack.some((f) => f.url.includes('/nock/') || f.url.includes('/@mswjs/'))],
	[
		'n8n HTTP client (axios, backend-network)',
		(stack) =>
			stack.some((f) => /\/(axios|follow-redirects|form-data|proxy-from-env|@n8n\/backend-network)\//.test(f.url)),
	],
	[
		'n8n OAuth2 wrapper (requestOAuth2, client-oauth2)',
		(stack) =>
			stack.some(
				(f) => f.url.includes('request-helpers/oauth.js') || f.url.includes('request-helpers/authentication.js') || f.url.includes('client-oauth2'),
			),
	],
	[
		'Node TLS, HTTP, sockets',
		(stack) => stack.some((f) => /^node:(_tls|tls|_http|http|https|net|internal\/(tls|http|net|stream_base))/.test(f.url)),
	],
	['node parameters (getNodeParameter)', (stack) => stack.some((f) => f.name === 'getNodeParameter' || f.name === '_getNodeParameter')],
	['our node (transport, pagination, router)', (stack) => stack.some((f) => f.url.includes('/build/nodes/'))],
	['bench floor nodes', (stack) => stack.some((f) => f.url.includes('floor-nodes'))],
	['n8n engine (run, emitting items)', (stack) => stack.some((f) => /\/(n8n-core|n8n-workflow)\//.test(f.url))],
];

/**
 * Samples per part. Counted, not timed: on a loaded machine a sample's time delta includes
 * the time the process was not running at all, so the bench scales shares of samples by the
 * CPU time it measured instead.
 */
export function splitProfile(profile: CpuProfile): Map<string, number> {
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const parent = new Map<number, number>();
	for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
	const partOf = new Map<number, string>();
	const part = (id: number): string => {
		const known = partOf.get(id);
		if (known) return known;
		const stack: Frame[] = [];
		for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
			const { functionName, url } = byId.get(at)!.callFrame;
			stack.unshift({ name: functionName, url });
		}
		const leaf = stack[stack.length - 1];
		const name = RULES.find(([, test]) => test(stack, leaf))?.[0] ?? 'other (event loop, Node internals)';
		partOf.set(id, name);
		return name;
	};
	const totals = new Map<string, number>();
	for (const id of profile.samples) {
		const name = part(id);
		totals.set(name, (totals.get(name) ?? 0) + 1);
	}
	return totals;
}

/** The functions with the most self time, for checking where a part's time really goes. */
export function topSelf(profile: CpuProfile, count = 25, urlPart = ''): Array<[string, number]> {
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const totals = new Map<string, number>();
	profile.samples.forEach((id, i) => {
		const { functionName, url } = byId.get(id)!.callFrame;
		if (!url.includes(urlPart)) return;
		const key = `${functionName || '(anonymous)'} ${url.replace(/^.*node_modules\//, '').replace(/^.*\/parallel\//, '')}`;
		totals.set(key, (totals.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
	});
	return [...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, count);
}
