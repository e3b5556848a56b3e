// Where n8n spends its CPU (dev only; run with Node 22 or later for its WebSocket, such as the
// Node 24 that runs n8n 2.41):
//   <node24> bench/profile.mjs [--variants ours,headerAuth,plain,list] [--deliveries 200] [--runs 3] [--callers <place>]
// One n8n 2.41.1 and the sandbox (10,000 clients, 50 a page). Per variant a warm-up, then n8n's
// CPU profiler (through its inspector, opened with SIGUSR1) over one batch: `ours`, `headerAuth`
// and `plain` are the trigger bench's deliveries (CPU per delivery), `list` is the list bench's
// Return All through the Krebit node (CPU per Return All of 200 pages). Prints the CPU time split
// by where the code lives, and the time under a few functions that tell the variants apart.
// --callers <place> (such as @n8n/expression-runtime) lists who made that place's CPU time.
import { parseArgs } from 'node:util';

import { PRELOAD } from '../scripts/stack/n8n-process.mjs';
import { startN8n, startSandbox } from '../scripts/stack/stack.mjs';
import { sleep } from '../scripts/stack/wait.mjs';
import { CLIENT_COUNT, PAGE_CAP, createCredentials, deployListVariants, listVariants } from './list-workflows.mjs';
import { batch, deployTriggerTargets } from './trigger-bench.mjs';

const INSPECTOR_PORT = 9339;
const { values } = parseArgs({
	options: {
		deliveries: { type: 'string', default: '200' },
		runs: { type: 'string', default: '3' },
		variants: { type: 'string', default: 'ours,headerAuth,plain,list' },
		'n8n-port': { type: 'string', default: '5770' },
		'sandbox-port': { type: 'string', default: '18570' },
		callers: { type: 'string' },
	},
});
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
	{ label: "n8n's authenticated request helper", name: 'httpRequestWithAuthentication', file: '' },
];

const sandbox = await startSandbox({ port: Number(values['sandbox-port']), args: ['--clients', String(CLIENT_COUNT), '--page-cap', String(PAGE_CAP)] });
const env = { NODE_OPTIONS: `--require ${PRELOAD} --inspect-port=127.0.0.1:${INSPECTOR_PORT}` };
const { n8n, rest } = await startN8n({ version: '2.41.1', sandbox, port: Number(values['n8n-port']), env });
try {
	const credentials = await createCredentials(rest);
	const ctx = { rest, targets: await deployTriggerTargets({ rest, sandbox, credential: credentials.krebit }) };
	const [returnAll] = await deployListVariants(rest, listVariants(credentials, []).filter((variant) => variant.key === 'a'));
	/** Per variant: what one unit is, and a batch of `size` units. */
	const workloads = {
		list: {
			unit: 'Return All',
			size: Number(values.runs),
			run: async (size) => {
				for (let i = 0; i < size; i++) await returnAll.call({});
			},
		},
	};
	for (const key of ['ours', 'headerAuth', 'plain']) workloads[key] = { unit: 'delivery', size: Number(values.deliveries), run: (size) => batch(ctx, key, size) };
	await profileVariants(n8n, values.variants.split(',').map((key) => ({ key, ...workloads[key] })));
} finally {
	await n8n.stop();
	n8n.cleanup();
	await sandbox.stop();
}

async function profileVariants(n8n, variants) {
	const inspector = await inspectorSession(n8n.child.pid);
	await inspector.send('Profiler.enable');
	await inspector.send('Profiler.setSamplingInterval', { interval: 200 });
	for (const variant of variants) {
		await variant.run(Math.max(1, Math.ceil(variant.size / 10)));
		await inspector.send('Profiler.start');
		const started = performance.now();
		await variant.run(variant.size);
		const seconds = (performance.now() - started) / 1000;
		const { profile } = await inspector.send('Profiler.stop');
		const { busy, self, under, callers } = analyse(profile, MARKERS);
		const perUnit = (micros) => (micros / 1000 / variant.size).toFixed(2);
		console.log(`\n${variant.key}: ${(variant.size / seconds).toFixed(1)} per second; n8n busy ${perUnit(busy)} ms of CPU per ${variant.unit}`);
		for (const [place, micros] of [...self].sort((a, b) => b[1] - a[1])) console.log(`  ${place.padEnd(50)} ${perUnit(micros).padStart(6)} ms`);
		console.log('  with on the stack:');
		for (const [marker, micros] of under) console.log(`    ${marker.padEnd(48)} ${perUnit(micros).padStart(6)} ms`);
		if (callersOf) {
			console.log(`  ${callersOf}, by the nearest caller outside it:`);
			for (const [caller, micros] of [...callers].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`    ${perUnit(micros).padStart(6)} ms  ${caller}`);
		}
	}
	inspector.close();
}
