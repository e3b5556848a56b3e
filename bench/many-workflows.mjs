// Many Krebit Trigger workflows on one Krebit app, against a sandbox that allows a few requests
// per second per tenant (429 + Retry-After above it). Dev only; prints the figures.
//   node bench/many-workflows.mjs [--workflows 100] [--rate 2] [--versions 1.123.81,2.41.1]
//                                 [--n8n-port 5780] [--sandbox-port 18580] [--out bench/results.md]
// With --out, each version measured replaces its rows in the "many-workflows" section there.
// n8n 1.123: time until n8n is ready with the package installed and no trigger workflow, and
// with the workflows active (it asks every trigger checkExists at start); Krebit requests, 429s,
// subscriptions made or deleted by the restart; one act, executions per workflow.
// n8n 2.41: all workflows activated at once through the REST API; time until each has its
// subscription, requests, 429s, activation errors; one act, executions per workflow.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { pathOf } from '../scripts/stack/sandbox-client.mjs';
import { startN8n, startSandbox } from '../scripts/stack/stack.mjs';
import { eventually, sleep } from '../scripts/stack/wait.mjs';
import { triggerWorkflow } from '../scripts/stack/workflows.mjs';
import { sectionOf, withSection } from './sections.mjs';

const { values } = parseArgs({
	options: {
		workflows: { type: 'string', default: '100' },
		rate: { type: 'string', default: '2' },
		versions: { type: 'string', default: '1.123.81,2.41.1' },
		'n8n-port': { type: 'string', default: '5780' },
		'sandbox-port': { type: 'string', default: '18580' },
		out: { type: 'string' },
	},
});
const COUNT = Number(values.workflows);
const RATE = Number(values.rate);
const began = Date.now();
const log = (line) => console.log(`[${((Date.now() - began) / 1000).toFixed(0).padStart(4)} s] ${line}`);
const sandbox = await startSandbox({ port: Number(values['sandbox-port']), args: ['--clients', '1000', '--acts', '100'] });
const krebit = sandbox.client;
const setRate = async (rate) => await krebit.admin('POST', '/config', { rateLimitPerSecond: rate });
const figures = [];

/** Creates `COUNT` trigger workflows (not active); returns them with the paths they subscribe. */
async function createWorkflows(rest, credential) {
	const workflows = [];
	for (let i = 0; i < COUNT; i++) {
		const built = triggerWorkflow(credential, { events: ['act.created'], options: {} });
		const workflow = await rest.createWorkflow(`bench: many ${i + 1}`, built.nodes, built.connections);
		workflows.push({ ...workflow, path: built.path });
	}
	return workflows;
}

const oursOf = (workflows) => async () => await krebit.subscriptionsTo(workflows.map((w) => w.path));

/** One act; waits until every workflow has run; returns how many executions each has. */
async function oneAct(rest, workflows) {
	const { deliveries } = await krebit.admin('POST', '/acts', {});
	const paths = new Set(workflows.map((w) => w.path));
	// What each delivery's first attempt got: a status, or an error such as a timeout (the sandbox then retries).
	const answered = deliveries.filter((d) => paths.has(pathOf(d.target))).map((d) => d.status ?? d.error ?? 'none');
	// One at a time, and again after n8n's "Database is not ready" (503) while 100 runs are saved.
	const counts = async () => {
		const each = [];
		try {
			for (const w of workflows) each.push((await rest.executions(w.id)).length);
		} catch {
			return undefined;
		}
		return each;
	};
	await eventually(async () => (await counts())?.every((count) => count >= 1), 180_000);
	await sleep(2000);
	const each = await eventually(counts, 60_000);
	const firstAttempts = {};
	for (const outcome of answered) firstAttempts[String(outcome).replace(/\d+ ms/, 'N ms')] = (firstAttempts[String(outcome).replace(/\d+ ms/, 'N ms')] ?? 0) + 1;
	return { delivered: answered.filter((status) => status === 200).length, firstAttempts, runs: each, allOnce: each?.every((count) => count === 1) ?? false };
}

/** Restarts n8n 1.x; seconds until its REST API answers and until it logs the editor accessible (all activated). */
async function restart1x(n8n) {
	await n8n.stop();
	const lines = n8n.editorReadyCount();
	const started = Date.now();
	await n8n.start();
	const api = (Date.now() - started) / 1000;
	await eventually(async () => n8n.editorReadyCount() > lines, 900_000);
	return { api, editor: (Date.now() - started) / 1000 };
}

async function bench1x(version) {
	await setRate(0);
	const { n8n, rest } = await startN8n({ version, sandbox, port: Number(values['n8n-port']) });
	try {
		const empty = await restart1x(n8n);
		await rest.signIn();
		log(`n8n ${version}: with the package and no trigger workflow: REST API in ${empty.api.toFixed(1)} s, editor in ${empty.editor.toFixed(1)} s`);
		const credential = await rest.createSandboxCredential('Krebit sandbox');
		const workflows = await createWorkflows(rest, credential);
		for (const workflow of workflows) await rest.activate(workflow);
		const subscriptions = oursOf(workflows);
		const before = await subscriptions();
		log(`n8n ${version}: ${workflows.length} workflows active, ${before.length} subscriptions`);

		await setRate(RATE);
		await krebit.admin('POST', '/reset-stats');
		const ready = await restart1x(n8n);
		await rest.signIn();
		await sleep(3000);
		const state = await krebit.state();
		const after = await subscriptions();
		const made = after.filter((s) => !before.some((b) => b.id === s.id)).length;
		const deleted = before.filter((b) => !after.some((s) => s.id === b.id)).length;
		log(`n8n ${version}: with ${COUNT} active: REST API in ${ready.api.toFixed(1)} s, editor in ${ready.editor.toFixed(1)} s; ${state.apiRequests} requests, ${state.rateLimited} 429s, ${made} made, ${deleted} deleted`);
		const act = await oneAct(rest, workflows);
		log(`n8n ${version}: one act: first attempts ${JSON.stringify(act.firstAttempts)}, every workflow ran once: ${act.allOnce}`);
		figures.push({
			version,
			case: `restart with ${COUNT} active trigger workflows, Krebit at ${RATE} requests/s`,
			readyWithout: empty,
			ready,
			requests: state.apiRequests,
			rateLimited: state.rateLimited,
			made,
			deleted,
			act,
		});
		await setRate(0);
		for (const workflow of workflows) await rest.deactivate(workflow);
	} finally {
		await n8n.stop();
		n8n.cleanup();
	}
}

async function bench2x(version) {
	await setRate(0);
	const { n8n, rest } = await startN8n({ version, sandbox, port: Number(values['n8n-port']) });
	try {
		const credential = await rest.createSandboxCredential('Krebit sandbox');
		const workflows = await createWorkflows(rest, credential);
		const subscriptions = oursOf(workflows);
		await setRate(RATE);
		await krebit.admin('POST', '/reset-stats');
		const started = Date.now();
		await Promise.all(workflows.map(async (workflow) => await rest.activate(workflow)));
		const accepted = (Date.now() - started) / 1000;
		const settled = await eventually(async () => {
			const live = await subscriptions();
			return new Set(live.map((s) => pathOf(s.target))).size === COUNT ? live : undefined;
		}, 600_000);
		const allSubscribed = (Date.now() - started) / 1000;
		await sleep(3000);
		const state = await krebit.state();
		const live = await subscriptions();
		log(
			`n8n ${version}: ${COUNT} activations at once: accepted in ${accepted.toFixed(1)} s, all subscribed after ${allSubscribed.toFixed(1)} s ` +
				`(${settled ? 'yes' : 'NOT ALL'}); ${state.apiRequests} requests, ${state.rateLimited} 429s, ${live.length} subscriptions`,
		);
		const act = await oneAct(rest, workflows);
		log(`n8n ${version}: one act: first attempts ${JSON.stringify(act.firstAttempts)}, every workflow ran once: ${act.allOnce}`);
		figures.push({
			version,
			case: `${COUNT} trigger workflows activated at once, Krebit at ${RATE} requests/s`,
			accepted,
			allSubscribed: settled ? allSubscribed : undefined,
			requests: state.apiRequests,
			rateLimited: state.rateLimited,
			subscriptions: live.length,
			act,
		});
		await setRate(0);
	} finally {
		await n8n.stop();
		n8n.cleanup();
	}
}

try {
	for (const version of values.versions.split(',').filter(Boolean)) {
		if (version.startsWith('1.')) await bench1x(version);
		else await bench2x(version);
	}
} finally {
	await sandbox.stop();
}
console.log(JSON.stringify(figures.map(({ act, ...rest }) => ({ ...rest, act: { firstAttempts: act.firstAttempts, allOnce: act.allOnce } })), null, 2));

/** One results line per figure, keyed by version so a later run of one version replaces its own. */
function rowOf(figure) {
	const perWorkflow = (figure.requests / COUNT).toFixed(2);
	const first = Object.entries(figure.act.firstAttempts).map(([outcome, count]) => `${count} × ${outcome}`).join(', ');
	const runs = `one act: first attempts ${first}; every workflow ran ${figure.act.allOnce ? 'exactly once' : 'NOT exactly once'}`;
	const when = `${new Date().toISOString().slice(0, 16)}Z, load ${loadavg()[0].toFixed(1)}`;
	if (figure.ready) {
		return `| n8n ${figure.version} | ${figure.case} | editor ready in ${figure.ready.editor.toFixed(1)} s (REST API ${figure.ready.api.toFixed(1)} s); without trigger workflows ${figure.readyWithout.editor.toFixed(1)} s (REST API ${figure.readyWithout.api.toFixed(1)} s) | ${figure.requests} (${perWorkflow} per workflow), ${figure.rateLimited} answered 429 | ${figure.made} made, ${figure.deleted} deleted | ${runs} | ${when} |`;
	}
	const subscribed = figure.allSubscribed === undefined ? 'NOT all subscribed' : `all subscribed ${figure.allSubscribed.toFixed(1)} s after the first request (n8n accepted them in ${figure.accepted.toFixed(1)} s)`;
	return `| n8n ${figure.version} | ${figure.case} | ${subscribed} | ${figure.requests} (${perWorkflow} per workflow), ${figure.rateLimited} answered 429 | ${figure.subscriptions} subscriptions for ${COUNT} workflows | ${runs} | ${when} |`;
}

if (values.out) {
	const out = resolve(values.out);
	const text = existsSync(out) ? readFileSync(out, 'utf8') : '# Benchmark results\n';
	const old = sectionOf(text, 'many-workflows').split('\n').filter((line) => /^\| n8n \d/.test(line));
	// Keyed by version and case: a row measured otherwise (an earlier commit) stays beside them.
	const keyOf = (line) => line.split('|').slice(1, 3).map((cell) => cell.trim()).join('|');
	const rows = new Map(old.map((line) => [keyOf(line), line]));
	for (const figure of figures) rows.set(keyOf(rowOf(figure)), rowOf(figure));
	const body = [
		'## Many trigger workflows on one Krebit app',
		'',
		'`node bench/many-workflows.mjs --out bench/results.md`: Krebit Trigger workflows (one event each) on one',
		'client-credentials credential, the sandbox limiting each tenant to a few requests per second (429 with',
		"Retry-After above it). n8n 1.x asks every trigger checkExists at start, one workflow after another, before",
		'it logs "Editor is now accessible"; n8n 2.41 activates in the background (5 at a time by default).',
		'Requests count every Krebit API request in the case, 429s included.',
		'',
		'| n8n | case | time | Krebit requests | subscriptions | executions | measured |',
		'|---|---|---|---|---|---|---|',
		...[...rows.values()].sort(),
		'',
		'"No answer within N ms" is the sandbox\'s 10-second limit per delivery attempt: n8n 2.41 on this',
		'shared machine took longer than that to answer 100 deliveries that arrived at the same moment',
		'(its own pace, about 8 per second, see *Trigger* above); the sandbox sent each again, the trigger',
		'answered the repeats 200 without a second run (it remembers accepted delivery ids), and each',
		'workflow ran exactly once.',
	].join('\n');
	writeFileSync(out, withSection(text, 'many-workflows', body));
	log(`wrote ${out}`);
}
