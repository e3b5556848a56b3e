// Return All of 10,000 clients, four ways (see list-workflows.mjs), at each added latency:
// a warm-up round (at 0 ms), then `runs` rounds; inside a round the latencies and the variants
// take turns in a rotating order, so the machine's noise spreads over all of them.
import { PeakMemory } from '../scripts/stack/proc.mjs';
import { flattedParser } from '../scripts/stack/stack.mjs';
import { eventually } from '../scripts/stack/wait.mjs';
import { assertAllClients, checksumOf } from './list-workflows.mjs';
import { rawLoop } from './raw-loop.mjs';
import { median } from './stats.mjs';

/** The run's execution, once n8n has finished and listed it; a failed one stops the bench. */
async function finishedExecution(rest, variant) {
	variant.seen ??= new Set();
	const execution = await eventually(async () => {
		const list = await rest.executions(variant.workflow.id, { limit: 10 });
		return list.find((entry) => !variant.seen.has(entry.id) && entry.stoppedAt && entry.status !== 'running' && entry.status !== 'new');
	}, 60_000);
	if (!execution) throw new Error(`${variant.label}: n8n listed no finished execution`);
	variant.seen.add(execution.id);
	if (execution.status !== 'success') throw new Error(`${variant.label}: execution ${execution.id} ended ${execution.status}`);
	return execution;
}

async function measureN8n({ rest, n8n }, variant) {
	const memory = new PeakMemory(n8n.child.pid);
	memory.start();
	const started = performance.now();
	const response = await variant.call({});
	const wallMs = performance.now() - started;
	if (response.status !== 200) throw new Error(`${variant.label}: the webhook answered ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`);
	const checksum = Array.isArray(response.body) ? response.body[0] : response.body;
	assertAllClients(variant.label, checksum);
	const execution = await finishedExecution(rest, variant);
	return { wallMs, execMs: Date.parse(execution.stoppedAt) - Date.parse(execution.startedAt), executionId: execution.id, memory: memory.stop() };
}

async function measureRaw({ sandbox, token }, variant) {
	const started = performance.now();
	const records = await rawLoop(sandbox, token);
	const wallMs = performance.now() - started;
	assertAllClients(variant.label, checksumOf(records));
	return { wallMs };
}

/** One run of one variant with the sandbox's counters around it. */
async function measure(ctx, variant) {
	await ctx.sandbox.client.admin('POST', '/reset-stats');
	const run = variant.raw ? await measureRaw(ctx, variant) : await measureN8n(ctx, variant);
	const state = await ctx.sandbox.client.state();
	return { ...run, requests: state.apiRequests, peakInFlight: state.peakInFlight, tokenRequests: state.tokenRequests.length };
}

function describeRun(run) {
	const parts = [`wall ${run.wallMs.toFixed(0)} ms`];
	if (run.execMs !== undefined) parts.push(`n8n ${run.execMs} ms`);
	parts.push(`${run.requests} requests`, `peak ${run.peakInFlight} in flight`);
	if (run.tokenRequests) parts.push(`${run.tokenRequests} token requests`);
	if (run.memory) parts.push(`peak RSS ${run.memory.main.toFixed(0)} MB (+${run.memory.mainGrowth.toFixed(0)}) + runners ${run.memory.runners.toFixed(0)} MB`);
	return parts.join(', ');
}

const rotate = (list, by) => list.map((_, i) => list[(i + by) % list.length]);

/**
 * Runs the bench; `ctx` holds rest, n8n, sandbox and token (the raw loop's). Returns
 * `{ [latency]: { [variant key]: summary } }` with every run kept under `runs`.
 */
export async function runListBench(ctx, { variants, runs, latencies, log }) {
	const results = Object.fromEntries(latencies.map((latency) => [latency, Object.fromEntries(variants.map((v) => [v.key, []]))]));
	for (let round = 0; round <= runs; round++) {
		// The warm-up (tokens, JIT, n8n's caches) needs no added latency.
		const order = round === 0 ? [0] : round % 2 ? latencies : [...latencies].reverse();
		for (const latency of order) {
			await ctx.sandbox.client.admin('POST', '/config', { latencyMs: latency });
			for (const variant of rotate(variants, round)) {
				const run = await measure(ctx, variant);
				log(`[list ${latency} ms] ${round === 0 ? 'warm-up' : `run ${round}/${runs}`} ${variant.label}: ${describeRun(run)}`);
				if (round > 0) results[latency][variant.key].push(run);
			}
		}
	}
	await ctx.sandbox.client.admin('POST', '/config', { latencyMs: 0 });
	return summarizeList(results);
}

function summarizeList(results) {
	const summary = {};
	for (const [latency, byVariant] of Object.entries(results)) {
		summary[latency] = {};
		for (const [key, runs] of Object.entries(byVariant)) {
			const values = (pick) => runs.map(pick).filter((value) => value !== undefined);
			summary[latency][key] = {
				runs,
				wallMs: median(values((run) => run.wallMs)),
				execMs: median(values((run) => run.execMs)),
				requests: [...new Set(values((run) => run.requests))],
				peakInFlight: Math.max(...values((run) => run.peakInFlight)),
				tokenRequests: values((run) => run.tokenRequests).reduce((sum, count) => sum + count, 0),
				memoryMain: median(values((run) => run.memory?.main)),
				memoryGrowth: median(values((run) => run.memory?.mainGrowth)),
				memoryRunners: median(values((run) => run.memory?.runners)),
			};
		}
	}
	return summary;
}

/**
 * Where n8n's time goes: each node's own execution time in the last measured run of every n8n
 * variant, from the execution's run data.
 */
export async function nodeTimings({ rest, n8n }, listSummary) {
	const parse = flattedParser(n8n.installDir);
	const timings = {};
	for (const [latency, byVariant] of Object.entries(listSummary)) {
		timings[latency] = {};
		for (const [key, summary] of Object.entries(byVariant)) {
			const last = summary.runs.at(-1);
			if (!last?.executionId) continue;
			const execution = await rest.execution(last.executionId, parse);
			const runData = execution.data?.resultData?.runData ?? {};
			timings[latency][key] = {
				execMs: last.execMs,
				nodes: Object.entries(runData).map(([name, nodeRuns]) => ({
					name,
					ms: nodeRuns.reduce((sum, nodeRun) => sum + (nodeRun.executionTime ?? 0), 0),
					items: nodeRuns.at(-1)?.data?.main?.[0]?.length ?? 0,
				})),
			};
		}
	}
	return timings;
}
