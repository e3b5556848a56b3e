// Turns the bench's figures into bench/results.md (and the goals into pass/MISS lines).
import { CLIENT_COUNT, PAGE_CAP } from './list-workflows.mjs';
import { items, median, ms, num, ratio, spread, times, verdict } from './stats.mjs';
import { CONCURRENCY, TRIGGER_VARIANTS } from './trigger-bench.mjs';

const ROUND_TRIPS_GOAL = 50;

/** d makes no request, so its runs at every latency are one sample: their median wall time. */
const emitMs = (list) => median(Object.values(list).flatMap((byVariant) => byVariant.d.runs.map((run) => run.wallMs)));

/** The goals of the task, each with what was measured and pass/MISS. */
export function goals({ list, trigger, triggerLazy }) {
	const slow = list[40];
	const fast = list[0];
	const d = emitMs(list);
	const rows = [];
	const slowAB = ratio(slow.a.wallMs, slow.b.wallMs);
	rows.push({ goal: '40 ms: a/b ≤ 0.4 (wall time)', measured: times(slowAB), ok: slowAB === undefined ? undefined : slowAB <= 0.4 });
	const bound = 1.5 * (ROUND_TRIPS_GOAL * 40 + d);
	rows.push({
		goal: `40 ms: a ≤ 1.5 × (${ROUND_TRIPS_GOAL} round trips × 40 ms + d) = ${ms(bound)}`,
		measured: ms(slow.a.wallMs),
		ok: slow.a.wallMs <= bound,
	});
	const fastExec = ratio(fast.a.execMs, fast.b.execMs);
	rows.push({ goal: "0 ms: a/b ≤ 0.8 on n8n's execution time", measured: times(fastExec), ok: fastExec === undefined ? undefined : fastExec <= 0.8 });
	const floor = ratio(fast.a.wallMs, fast.c.wallMs + d);
	rows.push({ goal: '0 ms: a/(c+d) ≤ 1.6 (wall time)', measured: times(floor), ok: floor === undefined ? undefined : floor <= 1.6 });
	const triggerRatio = ratio(trigger.ours.perSecond, trigger.plain.perSecond);
	rows.push({ goal: "Trigger ≥ 0.9 × plain Webhook deliveries/s (n8n's default settings)", measured: times(triggerRatio), ok: triggerRatio === undefined ? undefined : triggerRatio >= 0.9 });
	if (triggerLazy) {
		const lazyRatio = ratio(triggerLazy.ours.perSecond, triggerLazy.plain.perSecond);
		rows.push({ goal: 'Trigger ≥ 0.9 × plain Webhook deliveries/s (N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true)', measured: times(lazyRatio), ok: lazyRatio === undefined ? undefined : lazyRatio >= 0.9 });
	}
	const checkedRuns = Object.values(list).flatMap((byVariant) => Object.values(byVariant).flatMap((summary) => summary.runs)).length;
	rows.push({
		goal: `Exactly ${num(CLIENT_COUNT)} distinct records in API order in every run`,
		measured: `${checkedRuns} measured runs + warm-ups checked`,
		ok: true,
	});
	const expectedRequests = CLIENT_COUNT / PAGE_CAP;
	for (const key of ['a', 'b', 'c']) {
		const made = [...new Set(Object.values(list).flatMap((byVariant) => byVariant[key].requests))];
		rows.push({
			goal: `${expectedRequests} requests at a ${PAGE_CAP} cap (${key})`,
			measured: `${made.join(', ')} requests per run${key === 'a' ? ` (peak ${Math.max(...Object.values(list).map((v) => v.a.peakInFlight))} in flight)` : ''}`,
			ok: made.length === 1 && made[0] === expectedRequests,
		});
	}
	return rows;
}

function table(header, rows) {
	return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

function listSection(list, variants) {
	const parts = [];
	for (const [latency, byVariant] of Object.entries(list)) {
		parts.push(`### ${latency} ms added per API answer`);
		parts.push(
			table(
				['Variant', 'Wall time seen by the client', "n8n's execution time", 'Requests', 'Peak in flight', 'Token requests', 'n8n peak RSS (main, rise in the run)', 'Task runner peak RSS'],
				variants.map((variant) => {
					const summary = byVariant[variant.key];
					const runs = summary.runs;
					return [
						variant.label,
						spread(runs.map((run) => run.wallMs)),
						variant.raw ? '–' : spread(runs.map((run) => run.execMs)),
						summary.requests.join(', '),
						String(summary.peakInFlight),
						String(summary.tokenRequests),
						variant.raw ? '–' : `${num(summary.memoryMain)} MB (+${num(summary.memoryGrowth)})`,
						variant.raw ? '–' : `${num(summary.memoryRunners)} MB`,
					];
				}),
			),
		);
		const { a, b, c } = byVariant;
		parts.push(
			`Ratios (of the medians): a/b wall ${times(ratio(a.wallMs, b.wallMs))}, a/b n8n execution ${times(ratio(a.execMs, b.execMs))}, ` +
				`a/(c+d) wall ${times(ratio(a.wallMs, c.wallMs + emitMs(list)))} (d: the median of its runs at both latencies, ${ms(emitMs(list))}), ` +
				`a/c wall ${times(ratio(a.wallMs, c.wallMs))}. ` +
				`Per request (wall time / requests): a ${ms(a.wallMs / a.requests[0])}, b ${ms(b.wallMs / b.requests[0])}, c ${ms(c.wallMs / c.requests[0])}.`,
		);
	}
	return parts.join('\n\n');
}

function timingsSection(timings, variants) {
	const rows = [];
	for (const [latency, byVariant] of Object.entries(timings)) {
		for (const variant of variants) {
			const entry = byVariant[variant.key];
			if (!entry) continue;
			const nodes = entry.nodes.map((node) => `${node.name} ${ms(node.ms)} (${items(node.items)} out)`).join(', ');
			rows.push([`${latency} ms`, variant.label, ms(entry.execMs), nodes]);
		}
	}
	return table(['Latency', 'Variant', 'Execution', "Each node's own time (n8n's run data)"], rows);
}

function triggerSection(trigger) {
	const rows = TRIGGER_VARIANTS.map(({ key, label }) => {
		const summary = trigger[key];
		return [
			label,
			String(summary.deliveries),
			spread(summary.runs.map((run) => run.perSecond), '/s'),
			ms(summary.p50),
			ms(summary.p95),
			ms(summary.p99),
			summary.drainMs === undefined ? 'none started (checked)' : `${num(summary.drainMs / 1000, 1)} s`,
		];
	});
	const batch = trigger.ours.runs[0]?.count;
	return [
		table(['Deliveries', 'Sent', 'Answered per second (median of the batches)', 'Latency p50', 'p95', 'p99', `Executions of a batch of ${batch} all finished after`], rows),
		`Ours/plain deliveries per second: ${times(ratio(trigger.ours.perSecond, trigger.plain.perSecond))}; ours/Webhook with Header Auth: ${times(ratio(trigger.ours.perSecond, trigger.headerAuth?.perSecond))}; forged refused per second vs plain accepted: ${times(ratio(trigger.forged.perSecond, trigger.plain.perSecond))}.`,
	].join('\n\n');
}

function signatureSection(signature) {
	return [
		table(
			['Body', 'µs per verification', 'MB/s'],
			signature.rows.map((row) => [row.label, num(row.microseconds, 1), num(row.mbPerSecond, 0)]),
		),
		`Node ${signature.node} (the Node n8n 2.41.1 runs on), one stored secret, median of 7 batches of about 60 ms each.`,
	].join('\n\n');
}

function packageSection(facts, startup) {
	const rows = [
		['dist', `${num(facts.dist.bytes)} bytes in ${facts.dist.files} files`],
		['Packed tarball', `${num(facts.tarballBytes)} bytes`],
		['Runtime dependencies', `${facts.dependencies.length}${facts.dependencies.length ? ` (${facts.dependencies.join(', ')})` : ''}`],
		['peerDependencies', `\`${JSON.stringify(facts.peerDependencies)}\``],
	];
	if (startup?.seconds.with.length) {
		rows.push(['n8n start-up without the package', `${num(startup.withoutMedian, 1)} s median (${startup.seconds.without.map((s) => s.toFixed(1)).join(', ')})`]);
		rows.push(['n8n start-up with the package', `${num(startup.withMedian, 1)} s median (${startup.seconds.with.map((s) => s.toFixed(1)).join(', ')})`]);
	}
	return table(['', ''], rows);
}

export function renderResults({ meta, variants, list, timings, trigger, triggerLazy, signature, facts, startup }) {
	const goalRows = goals({ list, trigger, triggerLazy });
	const text = [
		'# Benchmark results',
		'',
		`Written by \`npm run bench\` (bench/run.mjs) on ${meta.date}; the whole run took ${num(meta.durationSeconds / 60, 1)} minutes ` +
			`(${meta.phases.map((phase) => `${phase.name}: ${num(phase.seconds / 60, 1)} min`).join('; ')}).`,
		`Package ${facts.version} at commit ${meta.commit}; n8n ${meta.n8nVersion} on Node ${signature.node}; bench and sandbox on Node ${meta.benchNode}.`,
		`Machine: ${meta.cpus} × ${meta.cpuModel}, load average ${meta.loadBefore} before and ${meta.loadAfter} after (shared machine: expect noise).`,
		`Medians of ${meta.runs} interleaved runs after a warm-up; "(a–b)" is the spread of the runs. Sandbox: ${num(CLIENT_COUNT)} clients, page cap ${PAGE_CAP}.`,
		'',
		'## Goals',
		'',
		table(['Goal', 'Measured', ''], goalRows.map((row) => [row.goal, row.measured, verdict(row.ok)])),
		'',
		`## Return All of ${num(CLIENT_COUNT)} clients`,
		'',
		'a: Krebit node, Client > Get Many, Return All, Simplify off, Client Credentials credential. b: HTTP Request v4.2 with',
		`its pagination (page in the query, limit=${PAGE_CAP}, complete when meta.current_page ≥ meta.last_page) and a generic`,
		'OAuth2 credential, then Split Out on data. c: a sequential keep-alive HTTPS loop in plain Node, outside n8n.',
		'd: a Code node returning the same records as one item, then Split Out: no HTTP. a, b and d start from a Webhook',
		'and end in a Code node that answers a checksum (count, distinct ids, ascending, first, last). Execution time is the',
		"execution's stoppedAt − startedAt; peak RSS is the kernel's high-water mark, reset before each run.",
		'',
		listSection(list, variants),
		'',
		"### Where n8n's time goes (last measured run of each)",
		'',
		timingsSection(timings, variants),
		'',
		'## Trigger',
		'',
		`${num(trigger.ours.deliveries)} distinct act.created deliveries per variant (about ${num(meta.deliveryBytes)} bytes each), ${CONCURRENCY} at a time on keep-alive`,
		`connections, in ${meta.runs} interleaved batches after a warm-up batch: to an active workflow Krebit Trigger → No Op (signed`,
		"with the subscription's secret from the sandbox, with X-Client-Id as Krebit sends it), to Webhook (POST, respond",
		'immediately) → No Op, and to the same Webhook checking a Header Auth credential; the forged ones carry the signature',
		'of other bytes. Latency percentiles are over all deliveries of a variant. Each accepted delivery must become exactly',
		'one successful execution (checked); the next batch starts when the last one finished.',
		'',
		"### n8n's default settings",
		'',
		triggerSection(trigger),
		'',
		...(triggerLazy
			? [
					'### With N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true (a fresh n8n, same bench)',
					'',
					'n8n 2.x evaluates expressions in V8 isolates. By default it takes a fresh isolate for every execution, and one more',
					"for the request to any webhook start node other than its own Webhook node (version 2 on, static parameters); with",
					'this setting it builds one only when an expression is evaluated.',
					'',
					triggerSection(triggerLazy),
				]
			: []),
		'',
		'## Signature check alone (dist/nodes/shared/signature.js)',
		'',
		signatureSection(signature),
		'',
		'## Package',
		'',
		packageSection(facts, startup),
		'',
	].join('\n');
	return { text, goalRows };
}
