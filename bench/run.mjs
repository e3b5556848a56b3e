// npm run bench: the package against the Krebit sandbox and one real n8n 2.41.1, in one run,
// writing bench/results.md. Never part of npm test. 10 to 17 minutes on 2 shared cores.
//   node bench/run.mjs [--runs 5] [--startup-trials 3] [--deliveries 500] [--n8n-port 5760] [--sandbox-port 18560]
//                      [--out bench/results.md] [--only trigger] [--n8n-env KEY=VALUE ...]
// --only trigger: one n8n start and the trigger part only, printed, with no results.md written.
// --only list: one n8n start and the Return All part only, printed, with no results.md written.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { ROOT, installN8n, nodeBinaryFor, packPackage } from '../scripts/stack/n8n-process.mjs';
import { N8nRest } from '../scripts/stack/rest.mjs';
import { startN8n, startSandbox } from '../scripts/stack/stack.mjs';
import { keyValuePairs } from '../scripts/stack/text.mjs';
import { nodeTimings, runListBench } from './list-bench.mjs';
import { CLIENT_COUNT, PAGE_CAP, assertAllClients, checksumOf, createCredentials, deployListVariants, listVariants } from './list-workflows.mjs';
import { packageFacts, startupTrials } from './package-bench.mjs';
import { renderResults } from './report.mjs';
import { sectionOf } from './sections.mjs';
import { runSignatureBench } from './signature-bench.mjs';
import { DELIVERIES, deployTriggerTargets, runTriggerBench } from './trigger-bench.mjs';

const N8N_VERSION = '2.41.1';
const LATENCIES = [0, 40];
/** n8n's setting that builds an expression isolate only when an expression is evaluated. */
const LAZY_ENV = { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' };

const { values } = parseArgs({
	options: {
		runs: { type: 'string', default: '5' },
		'startup-trials': { type: 'string', default: '3' },
		deliveries: { type: 'string', default: String(DELIVERIES) },
		'n8n-port': { type: 'string', default: '5760' },
		'sandbox-port': { type: 'string', default: '18560' },
		out: { type: 'string', default: join(ROOT, 'bench/results.md') },
		only: { type: 'string' },
		'n8n-env': { type: 'string', multiple: true, default: [] },
	},
});
const triggerOnly = values.only === 'trigger';
const listOnly = values.only === 'list';
/** Extra environment for n8n, such as an expression-engine setting to compare. */
const n8nEnv = keyValuePairs(values['n8n-env']);
if (values.only !== undefined && !triggerOnly && !listOnly) throw new Error('--only takes "trigger" or "list"');
const runs = Number(values.runs);
const startupTrialCount = Number(values['startup-trials']);
if (!(runs >= 1) || !(startupTrialCount >= 0)) throw new Error('--runs must be 1 or more, --startup-trials 0 or more');

const began = Date.now();
/** Seconds each part of the bench took, for the report. */
const phases = [];
let phaseStarted = began;
const phaseDone = (name) => {
	phases.push({ name, seconds: (Date.now() - phaseStarted) / 1000 });
	phaseStarted = Date.now();
};
const loadBefore = loadavg().map((load) => load.toFixed(1)).join(' / ');
const log = (line) => {
	const seconds = Math.round((Date.now() - began) / 1000);
	console.log(`[${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}] ${line}`);
};

log(`n8n ${N8N_VERSION} (cached install), building and packing the package`);
const installDir = installN8n(N8N_VERSION);
const tarball = packPackage();
const facts = packageFacts(tarball);
log(`dist: ${facts.dist.bytes} bytes in ${facts.dist.files} files; tarball ${facts.tarballBytes} bytes; ${facts.dependencies.length} runtime dependencies`);

const signature = runSignatureBench(nodeBinaryFor(installDir));
for (const row of signature.rows) log(`[signature] ${row.label}: ${row.microseconds.toFixed(1)} µs per verification (${row.mbPerSecond.toFixed(0)} MB/s)`);
phaseDone('build, pack, signature check');

const sandbox = await startSandbox({ port: Number(values['sandbox-port']), args: ['--clients', String(CLIENT_COUNT), '--page-cap', String(PAGE_CAP)] });
let n8n;
let results;
try {
	const trials = triggerOnly || listOnly ? 0 : startupTrialCount;
	const startup = await startupTrials({ version: N8N_VERSION, installDir, sandbox, port: Number(values['n8n-port']), tarball, trials, log, env: n8nEnv });
	n8n = startup.kept;
	phaseDone(`n8n start-ups (${Math.max(1, trials * 2)})`);
	const rest = new N8nRest(n8n);
	await rest.signIn();
	const credentials = await createCredentials(rest);

	if (triggerOnly) {
		const targets = await deployTriggerTargets({ rest, sandbox, credential: credentials.krebit });
		const trigger = await runTriggerBench({ rest, targets }, { runs, deliveries: Number(values.deliveries), log });
		const { ours, plain, headerAuth } = trigger;
		log(`trigger ${ours.perSecond.toFixed(1)}/s, plain Webhook ${plain.perSecond.toFixed(1)}/s (${(ours.perSecond / plain.perSecond).toFixed(2)}×), with Header Auth ${headerAuth.perSecond.toFixed(1)}/s (${(ours.perSecond / headerAuth.perSecond).toFixed(2)}×)`);
	} else {
		const records = await sandbox.client.all('/clients');
		assertAllClients('the sandbox itself', checksumOf(records));
		const variants = await deployListVariants(rest, listVariants(credentials, records));
		log(`workflows deployed; Return All bench: ${runs} runs after a warm-up, latencies ${LATENCIES.join(' and ')} ms`);
		const token = await sandbox.client.accessToken();
		const list = await runListBench({ rest, n8n, sandbox, token }, { variants, runs, latencies: LATENCIES, log });
		const timings = await nodeTimings({ rest, n8n }, list);
		phaseDone('Return All');
		if (listOnly) {
			for (const [latency, byVariant] of Object.entries(list)) {
				for (const [key, summary] of Object.entries(byVariant)) {
					log(`[list ${latency} ms] ${key}: median wall ${summary.wallMs?.toFixed(0)} ms, n8n ${summary.execMs?.toFixed?.(0) ?? '-'} ms, ${summary.requests.join(', ')} requests, peak ${summary.peakInFlight} in flight`);
				}
			}
		} else {
			const targets = await deployTriggerTargets({ rest, sandbox, credential: credentials.krebit });
			log(`trigger bench: ${runs} rounds after a warm-up`);
			const trigger = await runTriggerBench({ rest, targets }, { runs, deliveries: Number(values.deliveries), log });
			phaseDone('trigger');

			// n8n 2.x builds an expression isolate per execution, and one more for the webhook request
			// of any start node but its own Webhook node; with lazy acquisition only when one is used.
			await n8n.stop();
			n8n.cleanup();
			n8n = undefined;
			log(`trigger bench again with ${Object.entries(LAZY_ENV).map(([k, v]) => `${k}=${v}`).join(' ')}`);
			const lazy = await startN8n({ version: N8N_VERSION, sandbox, port: Number(values['n8n-port']), env: { ...n8nEnv, ...LAZY_ENV }, tarball });
			n8n = lazy.n8n;
			const lazyCredentials = await createCredentials(lazy.rest);
			const lazyTargets = await deployTriggerTargets({ rest: lazy.rest, sandbox, credential: lazyCredentials.krebit });
			const triggerLazy = await runTriggerBench({ rest: lazy.rest, targets: lazyTargets }, { runs, deliveries: Number(values.deliveries), log });
			phaseDone('trigger, lazy isolates');

			results = { variants, list, timings, trigger, triggerLazy, signature, facts, startup, deliveryBytes: targets.deliveryBytes };
		}
	}
} finally {
	await n8n?.stop();
	n8n?.cleanup();
	await sandbox.stop();
}

if (triggerOnly || listOnly) process.exit(0);

const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
const dirty = execFileSync('git', ['status', '--porcelain', '--', 'nodes', 'credentials', 'package.json'], { cwd: ROOT, encoding: 'utf8' }).trim() !== '';
const meta = {
	date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
	durationSeconds: (Date.now() - began) / 1000,
	commit: `${commit}${dirty ? ' (with uncommitted changes to the package)' : ''}`,
	n8nVersion: N8N_VERSION,
	benchNode: process.version,
	cpus: cpus().length,
	cpuModel: cpus()[0]?.model ?? 'unknown CPU',
	loadBefore,
	loadAfter: loadavg().map((load) => load.toFixed(1)).join(' / '),
	runs,
	deliveryBytes: results.deliveryBytes,
	phases,
};
const { text, goalRows } = renderResults({ meta, ...results });
// The section bench/many-workflows.mjs writes stays.
const kept = existsSync(resolve(values.out)) ? sectionOf(readFileSync(resolve(values.out), 'utf8'), 'many-workflows') : '';
writeFileSync(resolve(values.out), kept ? `${text.trimEnd()}\n\n${kept}\n` : text);
log(`wrote ${resolve(values.out)}`);
console.log('\nGoals:');
for (const row of goalRows) console.log(`  ${row.ok === undefined ? 'n/a ' : row.ok ? 'pass' : 'MISS'}  ${row.goal}: ${row.measured}`);
console.log(`\nThe bench took ${((Date.now() - began) / 60000).toFixed(1)} minutes.`);
