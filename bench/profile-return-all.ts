/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions, @typescript-eslint/no-require-imports, no-console -- dev-only bench, never shipped: it spawns itself, loads a chosen build and prints */
import './env';

import { spawn } from 'node:child_process';
import { Session } from 'node:inspector';
import { basename, dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

import type { IDataObject, INodeParameters, INodeType } from 'n8n-workflow';
import nock from 'nock';

import { clients } from '../test/harness/fake-lists';
import { KREBIT, KrebitHarness } from '../test/harness/krebit-harness';
import { EmitOnly, RawLoop } from './floor-nodes';
import { certificateFiles, servedRequests, startLoopbackKrebit } from './loopback';
import { splitProfile, topSelf, type CpuProfile } from './profile-split';

/**
 * Profiles Return All of 10,000 clients (Krebit capping pages at 50, with meta: 200 requests)
 * inside n8n-core's engine. Krebit is a stand-in over real HTTPS on 127.0.0.1 (a child
 * process, so its CPU is not counted), or nock. See bench/README.md.
 *
 *   npx tsc -p bench/tsconfig.json && node node_modules/.krebit-bench/build/bench/profile-return-all.js [options]
 *     --nodes a,b       compiled nodes/ folders to load the Krebit node from (default: this build)
 *     --parallel 1,4    Max Parallel Requests values to run
 *     --rounds <n>      rounds over all cases, interleaved against drifting load (default 1)
 *     --runs <n>        timed runs per case and round, after 2 warm-ups (default 5)
 *     --profile         also CPU profiles (--profiles <n> per case and round, default 2): the
 *                       CPU time per page split by part (--top / --ours: busiest functions)
 *     --latency <ms>    the stand-in answers each request that much later (default 0)
 *     --memo-credentials  resolve the credential once per run instead of per request (what
 *                       caching getCredentials would save; n8n does not do this)
 *     --floor           also: the raw loop of 200 GETs, with and without n8n's authentication,
 *                       and n8n emitting 10,000 items
 *     --server nock     nock in process instead of the HTTPS stand-in; --port <n> (18460)
 */

const RECORDS = 10_000;
const CAP = 50;
const PAGES = RECORDS / CAP;

function option(name: string, fallback: string): string {
	const at = process.argv.indexOf(`--${name}`);
	return at > 0 ? process.argv[at + 1] : fallback;
}
const flag = (name: string) => process.argv.includes(`--${name}`);
const list = (name: string, fallback: string) => option(name, fallback).split(',');

const useNock = option('server', 'loopback') === 'nock';
const port = Number(option('port', '18460'));
const all = clients(RECORDS);

// Requiring nock (the harness's fake lists do) intercepts every request: stop that unless
// nock is to be Krebit.
let nockRequests = 0;
if (!useNock) nock.restore();
else {
	const pages = Array.from({ length: PAGES }, (_, i) =>
		JSON.stringify({ data: all.slice(i * CAP, (i + 1) * CAP), meta: { current_page: i + 1, last_page: PAGES, per_page: CAP, total: RECORDS } }),
	);
	nock.disableNetConnect();
	nock(KREBIT)
		.get('/api/1.0/clients')
		.query(true)
		.reply((uri) => {
			nockRequests++;
			const page = Number(new URL(uri, KREBIT).searchParams.get('page'));
			return [200, pages[page - 1] ?? '{"data":[]}', { 'Content-Type': 'application/json' }];
		})
		.persist();
}
async function takeRequestCount() {
	if (!useNock) return await servedRequests(port);
	const requests = nockRequests;
	nockRequests = 0;
	return { requests, connections: Number.NaN };
}

interface Case {
	label: string;
	type: string;
	nodeType: INodeType;
	parameters: INodeParameters;
	prepare?: () => void;
	expectRequests: number;
}

function buildCases(): Case[] {
	const cases: Case[] = [];
	const thisBuild = join(__dirname, '..', 'nodes');
	for (const dir of list('nodes', thisBuild)) {
		const nodesDir = resolve(dir);
		const { Krebit } = require(join(nodesDir, 'Krebit', 'Krebit.node.js')) as { Krebit: new () => INodeType };
		const name = nodesDir === thisBuild ? 'this build' : basename(dirname(dirname(nodesDir)));
		for (const parallel of list('parallel', '1,4')) {
			cases.push({
				label: `Krebit node (${name}), Max Parallel Requests ${parallel}`,
				type: 'krebit',
				nodeType: new Krebit(),
				parameters: { resource: 'client', operation: 'getAll', returnAll: true, simplify: false, options: { maxParallelRequests: Number(parallel) } },
				expectRequests: PAGES,
			});
		}
	}
	if (flag('floor')) {
		const url = `${KREBIT}/api/1.0/clients`;
		const base = { type: 'rawLoop', nodeType: new RawLoop(), expectRequests: PAGES };
		cases.push(
			{ ...base, label: 'floor: raw loop, httpRequestWithAuthentication', parameters: { url, pages: PAGES } },
			{ ...base, label: 'floor: raw loop, httpRequest (no auth)', parameters: { url, pages: PAGES, authenticate: false } },
			{
				label: 'floor: n8n emitting 10,000 items',
				type: 'emitOnly',
				nodeType: new EmitOnly(),
				parameters: {},
				prepare: () => (EmitOnly.records = JSON.parse(JSON.stringify(all)) as IDataObject[]),
				expectRequests: 0,
			},
		);
	}
	return cases;
}

interface Measure {
	ms: number;
	/** CPU time of this process (user + system): the client side only. */
	cpuMs: number;
	credentialMs: number;
	credentialCalls: number;
	connections: number;
}

async function runOnce(c: Case): Promise<Measure> {
	const harness = new KrebitHarness().registerNode(c.type, c.nodeType);
	const helper = harness.credentials;
	const getDecrypted = helper.getDecrypted.bind(helper);
	let credentialMs = 0;
	let credentialCalls = 0;
	let memo: ReturnType<typeof getDecrypted> | undefined;
	helper.getDecrypted = async (...args: Parameters<typeof getDecrypted>) => {
		const started = performance.now();
		try {
			if (!flag('memo-credentials') || args[5] === true) return await getDecrypted(...args);
			return await (memo ??= getDecrypted(...args));
		} finally {
			credentialMs += performance.now() - started;
			credentialCalls++;
		}
	};
	c.prepare?.();
	await takeRequestCount();
	const cpuBefore = process.cpuUsage();
	const started = performance.now();
	const run = await harness.runNode(c.type, c.parameters);
	const ms = performance.now() - started;
	const cpu = process.cpuUsage(cpuBefore);
	const error = run.error('Krebit');
	if (error) throw error;
	const count = run.output('Krebit').length;
	const { requests, connections } = await takeRequestCount();
	if (count !== RECORDS || requests !== c.expectRequests) throw new Error(`${c.label}: ${count} items from ${requests} requests`);
	return { ms, cpuMs: (cpu.user + cpu.system) / 1000, credentialMs, credentialCalls, connections };
}

async function profileOnce(c: Case): Promise<CpuProfile> {
	const session = new Session();
	session.connect();
	const post = (method: string, params?: object) =>
		new Promise<unknown>((done, fail) => session.post(method, params ?? {}, (error, result) => (error ? fail(error) : done(result))));
	await post('Profiler.enable');
	await post('Profiler.setSamplingInterval', { interval: 100 });
	await post('Profiler.start');
	await runOnce(c);
	const { profile } = (await post('Profiler.stop')) as { profile: CpuProfile };
	session.disconnect();
	return profile;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const perPage = (ms: number) => (ms / PAGES).toFixed(2);

interface Results {
	measures: Measure[];
	samples: Map<string, number>;
}

async function measureCase(c: Case, results: Results): Promise<void> {
	for (let i = 0; i < 2; i++) await runOnce(c);
	for (let i = 0; i < Number(option('runs', '5')); i++) results.measures.push(await runOnce(c));
	if (!flag('profile')) return;
	for (let i = 0; i < Number(option('profiles', '2')); i++) {
		const profile = await profileOnce(c);
		for (const [name, n] of splitProfile(profile)) results.samples.set(name, (results.samples.get(name) ?? 0) + n);
		const print = (rows: Array<[string, number]>) => rows.forEach(([name, ms]) => console.log(`      ${ms.toFixed(1).padStart(7)} ms self  ${name}`));
		if (flag('top') && i === 0) print(topSelf(profile));
		if (flag('ours') && i === 0) print(topSelf(profile, 15, '/nodes/'));
	}
}

/** CPU per page split by part: each part's share of the busy samples times the CPU measured without the profiler. */
function report(c: Case, { measures, samples }: Results): void {
	const pick = (key: 'ms' | 'cpuMs' | 'credentialMs') => median(measures.map((m) => m[key]));
	console.log(
		`${c.label}: wall ${perPage(pick('ms'))}, CPU ${perPage(pick('cpuMs'))}, in getCredentials ${perPage(pick('credentialMs'))} ms per page ` +
			`(${measures[0].credentialCalls} credential calls, ${measures[0].connections} TLS connections; ` +
			`CPU per page of each run: ${measures.map((m) => perPage(m.cpuMs)).join(' ')})`,
	);
	samples.delete('idle');
	const busy = [...samples.values()].reduce((sum, n) => sum + n, 0);
	const parts = [...samples.entries()].sort((a, b) => b[1] - a[1]);
	for (const [name, n] of parts) console.log(`    ${perPage((pick('cpuMs') * n) / busy).padStart(6)}  ${name}`);
}

async function main() {
	const trusted = certificateFiles().ca;
	if (!useNock && process.env.NODE_EXTRA_CA_CERTS !== trusted) {
		// Node reads extra CAs at start only: run again trusting the stand-in's CA.
		const child = spawn(process.execPath, process.argv.slice(1), { stdio: 'inherit', env: { ...process.env, NODE_EXTRA_CA_CERTS: trusted } });
		child.on('exit', (code) => process.exit(code ?? 1));
		return false;
	}
	const latency = Number(option('latency', '0'));
	const server = useNock ? undefined : await startLoopbackKrebit(port, RECORDS, CAP, latency);
	process.on('exit', () => server?.kill());
	const cases = buildCases();
	const rounds = Number(option('rounds', '1'));
	console.log(
		`${RECORDS} records, ${PAGES} pages of ${CAP}; Krebit: ${useNock ? 'nock' : `HTTPS on 127.0.0.1:${port}, ${latency} ms later`}; ` +
			`${rounds} round(s) of ${option('runs', '5')} runs per case; medians`,
	);
	const results = cases.map((): Results => ({ measures: [], samples: new Map() }));
	for (let round = 0; round < rounds; round++) {
		for (const [i, c] of cases.entries()) await measureCase(c, results[i]);
	}
	cases.forEach((c, i) => report(c, results[i]));
	return true;
}

main().then(
	(done) => done && process.exit(0),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
