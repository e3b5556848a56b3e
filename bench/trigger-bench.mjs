// Webhook throughput: 500 distinct signed act.created deliveries per variant at concurrency 10,
// sent in equal batches (one per run, variants interleaved) after a small warm-up batch:
// to an active workflow with our Krebit Trigger, to n8n's plain Webhook node (POST, answers at
// once), to the same Webhook node checking a Header Auth credential, and forged ones (a byte
// changed after signing, as the sandbox forges) that the trigger must refuse with 401.
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';

import { deliveryBody, signedDelivery } from '../scripts/stack/deliveries.mjs';
import { eventually } from '../scripts/stack/wait.mjs';
import { noOpNode, triggerWorkflow, waitForPostWebhook, webhookWorkflow } from '../scripts/stack/workflows.mjs';
import { median, percentile } from './stats.mjs';

export const DELIVERIES = 500;
export const CONCURRENCY = 10;
const WARM_UP_DELIVERIES = 20;
const PLAIN_PATH = 'bench-plain-webhook';
const HEADER_AUTH_PATH = 'bench-header-auth-webhook';
/** The header n8n's Webhook node checks in the Header Auth variant (sent to every variant). */
const HEADER_AUTH = { name: 'x-bench-token', value: 'bench-token-not-a-secret' };

/**
 * Webhook (POST, answers at once) → No Op, as the Krebit Trigger's workflow is; with
 * `credential`, the Webhook node checks a Header Auth credential on every request, the closest
 * built-in match for a trigger that verifies deliveries with a credential on the node.
 */
function plainWebhookWorkflow(path, credential) {
	const built = webhookWorkflow(path, [noOpNode()], { respond: 'onReceived' });
	if (credential) {
		const webhook = built.nodes[0];
		webhook.parameters.authentication = 'headerAuth';
		webhook.credentials = { httpHeaderAuth: { id: credential.id, name: credential.name } };
	}
	return built;
}

/** Successful executions of a workflow, as n8n counts them. */
const successCount = (rest, workflowId) => rest.executionCount(workflowId, { status: ['success'] });

/** Activates both workflows; the trigger's URL and secret come from its subscription at Krebit. */
export async function deployTriggerTargets({ rest, sandbox, credential }) {
	const built = triggerWorkflow(credential, { events: ['act.created'], options: {} });
	const oursWorkflow = await rest.createWorkflow('bench: Krebit Trigger', built.nodes, built.connections);
	await rest.activate(oursWorkflow);
	const subscription = await eventually(async () => (await sandbox.client.subscriptionsTo(built.path))[0]);
	if (!subscription) throw new Error('the Krebit Trigger made no subscription at the sandbox');
	await waitForPostWebhook(subscription.target);

	const plain = plainWebhookWorkflow(PLAIN_PATH);
	const plainWorkflow = await rest.createWorkflow('bench: plain Webhook', plain.nodes, plain.connections);
	await rest.activate(plainWorkflow);
	await waitForPostWebhook(`${rest.base}/webhook/${PLAIN_PATH}`);

	const headerCredential = await rest.createCredential('bench: Header Auth', 'httpHeaderAuth', HEADER_AUTH);
	const headerAuth = plainWebhookWorkflow(HEADER_AUTH_PATH, headerCredential);
	const headerAuthWorkflow = await rest.createWorkflow('bench: Webhook with Header Auth', headerAuth.nodes, headerAuth.connections);
	await rest.activate(headerAuthWorkflow);
	await waitForPostWebhook(`${rest.base}/webhook/${HEADER_AUTH_PATH}`);

	const template = (await sandbox.client.api('/acts?limit=1')).data[0];
	return {
		ours: { workflow: oursWorkflow, url: subscription.target, secret: subscription.secret, executions: 0 },
		plain: { workflow: plainWorkflow, url: `${rest.base}/webhook/${PLAIN_PATH}`, executions: 0 },
		headerAuth: { workflow: headerAuthWorkflow, url: `${rest.base}/webhook/${HEADER_AUTH_PATH}`, executions: 0 },
		template,
		deliveryBytes: deliveries(1, template, subscription.secret)[0].body.length,
	};
}

/** `count` act.created deliveries, each with its own id and act uuid, signed with `secret`. */
function deliveries(count, template, secret, { forged = false } = {}) {
	const headers = { [HEADER_AUTH.name]: HEADER_AUTH.value };
	return Array.from({ length: count }, () => signedDelivery(deliveryBody({ data: { ...template, uuid: randomUUID() } }), secret, { forged, headers }));
}

function post(agent, url, { body, headers }) {
	return new Promise((resolve, reject) => {
		const req = request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': body.length } }, (res) => {
			res.resume();
			res.on('end', () => resolve(res.statusCode));
			res.on('error', reject);
		});
		req.on('error', reject);
		req.end(body);
	});
}

/** Sends every delivery, `CONCURRENCY` at a time on keep-alive connections. */
async function send(url, list) {
	const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
	const latencies = [];
	const statuses = new Map();
	let next = 0;
	const started = performance.now();
	await Promise.all(
		Array.from({ length: CONCURRENCY }, async () => {
			while (next < list.length) {
				const delivery = list[next++];
				const sent = performance.now();
				const status = await post(agent, url, delivery);
				latencies.push(performance.now() - sent);
				statuses.set(status, (statuses.get(status) ?? 0) + 1);
			}
		}),
	);
	const wallMs = performance.now() - started;
	agent.destroy();
	return { wallMs, latencies, statuses, started };
}

/** One batch of one variant; checks the answers and (for accepted ones) the executions. */
export async function batch(ctx, variantKey, count) {
	const { rest, targets } = ctx;
	const target = variantKey === 'forged' ? targets.ours : targets[variantKey];
	const forged = variantKey === 'forged';
	const list = deliveries(count, targets.template, targets.ours.secret, { forged });
	const expectedStatus = forged ? 401 : 200;
	const result = await send(target.url, list);
	if (result.statuses.get(expectedStatus) !== count) {
		throw new Error(`${variantKey}: expected ${count} answers ${expectedStatus}, got ${JSON.stringify(Object.fromEntries(result.statuses))}`);
	}
	let drainMs;
	if (!forged) {
		target.executions += count;
		const done = await eventually(async () => (await successCount(rest, target.workflow.id)) >= target.executions, 180_000);
		drainMs = performance.now() - result.started;
		if (!done) throw new Error(`${variantKey}: ${target.executions} executions expected, n8n shows ${await successCount(rest, target.workflow.id)}`);
	}
	return {
		count,
		perSecond: (count / result.wallMs) * 1000,
		latencies: result.latencies,
		p50: percentile(result.latencies, 50),
		p95: percentile(result.latencies, 95),
		drainMs,
	};
}

export const TRIGGER_VARIANTS = [
	{ key: 'ours', label: 'Krebit Trigger (signed)' },
	{ key: 'plain', label: 'plain Webhook node' },
	{ key: 'headerAuth', label: 'Webhook node with Header Auth' },
	{ key: 'forged', label: 'Krebit Trigger, forged (401)' },
];

/**
 * A warm-up batch per variant, then `runs` rounds in a rotating order, each sending one batch of
 * `deliveries` / runs per variant; returns per variant the median rate and the latency percentiles
 * over all its measured deliveries.
 */
export async function runTriggerBench(ctx, { runs, deliveries: total = DELIVERIES, log }) {
	const results = Object.fromEntries(TRIGGER_VARIANTS.map((variant) => [variant.key, []]));
	const perRun = Math.ceil(total / runs);
	for (let round = 0; round <= runs; round++) {
		const order = TRIGGER_VARIANTS.map((_, i) => TRIGGER_VARIANTS[(i + round) % TRIGGER_VARIANTS.length]);
		for (const variant of order) {
			const count = round === 0 ? WARM_UP_DELIVERIES : perRun;
			const run = await batch(ctx, variant.key, count);
			const name = round === 0 ? 'warm-up' : `run ${round}/${runs}`;
			log(
				`[trigger] ${name} ${variant.label}: ${count} in ${((count / run.perSecond)).toFixed(1)} s = ${run.perSecond.toFixed(1)}/s, ` +
					`p50 ${run.p50.toFixed(0)} ms, p95 ${run.p95.toFixed(0)} ms` +
					(run.drainMs === undefined ? '' : `, executions all finished after ${(run.drainMs / 1000).toFixed(1)} s`),
			);
			if (round > 0) results[variant.key].push(run);
		}
	}
	// No forged delivery may have started a run: n8n counts exactly the accepted ones.
	for (const key of ['ours', 'plain', 'headerAuth']) {
		const target = ctx.targets[key];
		const count = await successCount(ctx.rest, target.workflow.id);
		if (count !== target.executions) throw new Error(`${key}: ${target.executions} executions expected, n8n counts ${count}`);
	}
	return summarizeTrigger(results);
}

function summarizeTrigger(results) {
	const summary = {};
	for (const [key, runs] of Object.entries(results)) {
		const latencies = runs.flatMap((run) => run.latencies);
		summary[key] = {
			runs: runs.map(({ latencies: _, ...run }) => run),
			deliveries: latencies.length,
			perSecond: median(runs.map((run) => run.perSecond)),
			p50: percentile(latencies, 50),
			p95: percentile(latencies, 95),
			p99: percentile(latencies, 99),
			drainMs: median(runs.map((run) => run.drainMs)),
		};
	}
	return summary;
}
