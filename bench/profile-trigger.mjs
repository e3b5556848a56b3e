// Where n8n spends its CPU per accepted delivery, per trigger-bench variant (dev only; run with
// Node 22 or later for its WebSocket, such as the Node 24 that runs n8n 2.41):
//   <node24> bench/profile-trigger.mjs [--deliveries 200] [--variants ours,headerAuth,plain] [--count-queries]
// One n8n 2.41.1 and the sandbox; for each variant a warm-up batch, then n8n's CPU profiler
// (through its inspector, opened with SIGUSR1) over one batch. Prints per variant the n8n
// process's CPU ms per delivery, split by where the code lives, and the time under a few
// functions that tell the variants apart. With --count-queries, n8n logs its SQL instead (no
// profile) and the queries per delivery are counted, by statement and table. --callers <place>
// (such as @n8n/expression-runtime) lists who made that place's CPU time.
import { parseArgs } from 'node:util';

import { startN8n, startSandbox } from '../scripts/stack/stack.mjs';
import { createCredentials } from './list-workflows.mjs';
import { batch, deployTriggerTargets } from './trigger-bench.mjs';
import { sleep } from '../scripts/stack/wait.mjs';

const INSPECTOR_PORT = 9339;
const { values } = parseArgs({
	options: {
		deliveries: { type: 'string', default: '200' },
		variants: { type: 'string', default: 'ours,headerAuth,plain' },
		'n8n-port': { type: 'string', default: '5770' },
		'sandbox-port': { type: 'string', default: '18570' },
		'count-queries': { type: 'boolean', default: false },
		'show-sql': { type: 'string' },
		callers: { type: 'string' },
	},
});
const countQueries = values['count-queries'];
const callersOf = values.callers;
if (typeof WebSocket !== 'function') throw new Error('run this with Node 22 or later (it needs a WebSocket client)');

/** A minimal Chrome DevTools Protocol session over n8n's inspector. */
async function inspectorSession(pid) {
	process.kill(pid, 'SIGUSR1');
	let targets;
	for (let i = 0; i < 50 && !targets; i++) {
		targets = await fetch(`http://127.0.0.1:${INSPECTOR_PORT}/json/list`).then((r) => r.json()).catch(() => undefined);
		if (!targets) await sleep(200);
	}
	if (!targets?.length) throw new Error('n8n opened no inspector');
	const socket = new WebSocket(targets[0].webSocketDebuggerUrl);
	await new Promise((done, fail) => {
		socket.onopen = done;
		socket.onerror = fail;
	});
	let nextId = 0;
	const pending = new Map();
	socket.onmessage = (event) => {
		const message = JSON.parse(event.data);
		pending.get(message.id)?.(message);
		pending.delete(message.id);
	};
	const send = (method, params = {}) =>
		new Promise((done, fail) => {
			const id = ++nextId;
			pending.set(id, (message) => (message.error ? fail(new Error(message.error.message)) : done(message.result)));
			socket.send(JSON.stringify({ id, method, params }));
		});
	return { send, close: () => socket.close() };
}

/** Where a function's code lives: the package of the last node_modules folder in its script URL. */
function placeOf(url) {
	if (!url) return 'V8 and Node native';
	if (url.startsWith('node:')) return 'Node core (streams, http, crypto)';
	const match = /.*\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
	const name = match?.[1] ?? 'other code';
	const places = {
		'n8n-nodes-krebit': 'this package',
		typeorm: 'TypeORM',
		'@n8n/typeorm': "TypeORM (n8n's fork)",
		'@n8n/db': "@n8n/db (n8n's repositories)",
		sqlite3: 'SQLite driver',
		'n8n-core': 'n8n-core',
		'n8n-workflow': 'n8n-workflow (incl. expressions)',
		'n8n-nodes-base': 'n8n-nodes-base',
		n8n: 'n8n server (webhooks, executions, permissions)',
		express: 'Express',
	};
	return places[name] ?? (name.startsWith('@n8n/') ? name : 'other dependencies');
}

/**
 * Self time per place (native frames count for the nearest caller with a script), and the time
 * with a marked function anywhere on the stack (the synchronous part of async functions only).
 */
function analyse(profile, markers) {
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const parent = new Map();
	for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
	const self = new Map();
	const under = new Map(markers.map((m) => [m.label, 0]));
	const callers = new Map();
	let busy = 0;
	profile.samples.forEach((id, i) => {
		const micros = profile.timeDeltas[i + 1] ?? 0;
		const name = byId.get(id).callFrame.functionName;
		if (name === '(idle)' || name === '(program)') return;
		busy += micros;
		let place = name === '(garbage collector)' ? 'garbage collection' : undefined;
		const seen = new Set();
		for (let at = id; at !== undefined; at = parent.get(at)) {
			const { functionName, url } = byId.get(at).callFrame;
			if (!place && url) place = placeOf(url);
			for (const marker of markers) if (functionName === marker.name && url.includes(marker.file)) seen.add(marker.label);
		}
		place ??= 'V8 and Node native';
		self.set(place, (self.get(place) ?? 0) + micros);
		if (place === callersOf) {
			// The nearest frame outside that package and n8n-workflow: who made the work.
			let caller = '(none)';
			for (let at = id; at !== undefined; at = parent.get(at)) {
				const { functionName, url } = byId.get(at).callFrame;
				const where = placeOf(url);
				if (url && where !== callersOf && !where.startsWith('n8n-workflow') && !url.startsWith('node:')) {
					caller = `${functionName || '(anonymous)'} in ${url.replace(/^.*\/node_modules\//, '')}`;
					break;
				}
			}
			callers.set(caller, (callers.get(caller) ?? 0) + micros);
		}
		for (const label of seen) under.set(label, under.get(label) + micros);
	});
	return { busy, self, under, callers };
}

const MARKERS = [
	{ label: 'our webhook method (handleDelivery)', name: 'handleDelivery', file: 'n8n-nodes-krebit' },
	{ label: "n8n's credential permission check", name: 'check', file: 'credentials-permission-checker' },
	{ label: 'credential reads (getCredentials)', name: 'getCredentials', file: '' },
	{ label: "n8n's webhook request handling (executeWebhook)", name: 'executeWebhook', file: 'webhook-helpers' },
	{ label: 'execution data saved (typeorm save/update)', name: 'updateExistingExecution', file: '' },
];

const count = Number(values.deliveries);
const sandbox = await startSandbox({ port: Number(values['sandbox-port']) });
const env = countQueries
	? { DB_LOGGING_ENABLED: 'true', DB_LOGGING_OPTIONS: 'query' }
	: { NODE_OPTIONS: `--require ${new URL('../sandbox/preload.cjs', import.meta.url).pathname} --inspect-port=127.0.0.1:${INSPECTOR_PORT}` };
const { n8n, rest } = await startN8n({ version: '2.41.1', sandbox, port: Number(values['n8n-port']), env });
try {
	const credentials = await createCredentials(rest);
	const targets = await deployTriggerTargets({ rest, sandbox, credential: credentials.krebit });
	const ctx = { rest, targets };
	if (countQueries) {
		for (const variant of values.variants.split(',')) {
			await batch(ctx, variant, 20);
			await sleep(2000);
			const before = n8n.log().length;
			await batch(ctx, variant, count);
			await sleep(2000);
			const queries = n8n.log().slice(before).split('\n').filter((line) => /query( failed)?:/i.test(line));
			const kinds = new Map();
			const examples = new Map();
			for (const line of queries) {
				const sql = line.replace(/^.*?query( failed)?:\s*/i, '');
				const verb = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? '?';
				const table = /(?:FROM|INTO|UPDATE)\s+"?(\w+)"?/i.exec(sql)?.[1] ?? '';
				const kind = `${verb} ${table}`.trim();
				kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
				if (!examples.has(kind)) examples.set(kind, sql.slice(0, 600));
			}
			console.log(`\n${variant}: ${(queries.length / count).toFixed(1)} SQL statements per delivery`);
			for (const [kind, n] of [...kinds].sort((a, b) => b[1] - a[1])) console.log(`  ${kind.padEnd(50)} ${(n / count).toFixed(2)}`);
			if (values['show-sql']) for (const [kind, sql] of examples) if (kind.includes(values['show-sql'])) console.log(`  e.g. ${sql}`);
		}
		process.exitCode = 0;
	} else {
		await profileVariants(ctx, n8n);
	}
} finally {
	await n8n.stop();
	n8n.cleanup();
	await sandbox.stop();
}

async function profileVariants(ctx, n8n) {
	const inspector = await inspectorSession(n8n.child.pid);
	await inspector.send('Profiler.enable');
	await inspector.send('Profiler.setSamplingInterval', { interval: 200 });
	for (const variant of values.variants.split(',')) {
		await batch(ctx, variant, 20);
		await inspector.send('Profiler.start');
		const run = await batch(ctx, variant, count);
		const { profile } = await inspector.send('Profiler.stop');
		const { busy, self, under, callers } = analyse(profile, MARKERS);
		const perDelivery = (micros) => (micros / 1000 / count).toFixed(2);
		console.log(`\n${variant}: ${run.perSecond.toFixed(1)} deliveries/s; n8n busy ${perDelivery(busy)} ms of CPU per delivery`);
		for (const [place, micros] of [...self].sort((a, b) => b[1] - a[1])) console.log(`  ${place.padEnd(50)} ${perDelivery(micros).padStart(6)} ms`);
		console.log('  with on the stack:');
		for (const [marker, micros] of under) console.log(`    ${marker.padEnd(48)} ${perDelivery(micros).padStart(6)} ms`);
		if (callersOf) {
			console.log(`  ${callersOf}, by the nearest caller outside it:`);
			for (const [caller, micros] of [...callers].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`    ${perDelivery(micros).padStart(6)} ms  ${caller}`);
		}
	}
	inspector.close();
}
