import type { IDataObject, INodeParameters, INodeType } from 'n8n-workflow';

import { KrebitTrigger } from '../../../nodes/KrebitTrigger/KrebitTrigger.node';
import { INSTANCE_PARAMETER, instanceMarkOf } from '../../../nodes/KrebitTrigger/ownership';
import { signatureOf } from '../../../nodes/shared/signature';
import { INSTANCE_URL } from '../../harness/engine';
import { FakeWebhooks, type FakeSubscription, type FakeWebhooksOptions } from '../../harness/fake-webhooks';
import { KrebitHarness } from '../../harness/krebit-harness';
import { ownInstanceId, SavedStaticData, type N8nInstance } from '../../harness/n8n-instance';
import { TriggerUnderTest, WEBHOOK_ID } from '../../harness/trigger';

export const PRODUCTION_PATH = `/webhook/${WEBHOOK_ID}/webhook`;
/** The query the trigger adds to its targets: the test process's n8n installation. */
export const MARK_QUERY = `?${INSTANCE_PARAMETER}=${instanceMarkOf(ownInstanceId())}`;
/** The production target this n8n subscribes Krebit to when reached at `origin`. */
export const productionTargetAt = (origin: string) => `${origin}${PRODUCTION_PATH}${MARK_QUERY}`;
export const PRODUCTION_URL = productionTargetAt(INSTANCE_URL);
export const TEST_URL = `${INSTANCE_URL}/webhook-test/${WEBHOOK_ID}/webhook${MARK_QUERY}`;
export const THREE_EVENTS = ['act.created', 'signing.sent', 'signing.cancelled'];

let nodeCount = 0;

/**
 * A Krebit Trigger in its own workflow. Each gets its own node id, as separate workflows do,
 * so what the trigger remembers in process memory does not carry from one test to the next.
 */
export function trigger(parameters: INodeParameters = { events: THREE_EVENTS }) {
	const harness = new KrebitHarness();
	const nodeType = new KrebitTrigger();
	harness.registerNode('n8n-nodes-krebit.krebitTrigger', nodeType);
	const node = {
		...harness.node('n8n-nodes-krebit.krebitTrigger', parameters, 'Krebit Trigger'),
		id: `krebit-trigger-${++nodeCount}`,
		webhookId: WEBHOOK_ID,
	};
	return new TriggerUnderTest(harness.nodeTypes, harness.credentials, nodeType, node);
}

export type Stored = { id: string; event: string; target: string; secret: string };

export function stored(t: TriggerUnderTest): Stored[] {
	return (t.nodeStaticData().subscriptions ?? []) as Stored[];
}

export function delivery(id: string, event = 'act.created', data: IDataObject = { uuid: 'act-1', client_id: 42, amount: 250000 }) {
	return Buffer.from(JSON.stringify({ id, event, created_at: '2026-11-23T10:00:00Z', data }));
}

/** `body` signed as Krebit signs it with `secret`. */
export function signed(secret: string, body: Buffer): Record<string, string> {
	return { 'X-Signature': signatureOf(secret, body) };
}

/** A trigger activated against a fake Krebit, and the secret Krebit keeps for an event. */
export async function activeTrigger(parameters?: INodeParameters, options?: FakeWebhooksOptions) {
	const krebit = new FakeWebhooks(options);
	const t = trigger(parameters);
	await t.hook('create');
	const secretOf = (event: string) => krebit.subscriptions.find((s) => s.event === event)!.secret;
	return { t, krebit, secretOf };
}

/** Wipes the node's static data, as an import, a reset row or a queue-mode worker does. */
export function wipeStaticData(t: TriggerUnderTest) {
	for (const key of Object.keys(t.staticData)) delete t.staticData[key];
}

/**
 * The trigger's node type as another n8n process loads it: a module registry of its own, so
 * what the trigger keeps in process memory is that process's alone.
 */
export function triggerTypeOfNewProcess(): INodeType {
	let nodeType: INodeType | undefined;
	jest.isolateModules(() => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const loaded = require('../../../nodes/KrebitTrigger/KrebitTrigger.node') as typeof import('../../../nodes/KrebitTrigger/KrebitTrigger.node');
		nodeType = new loaded.KrebitTrigger();
	});
	return nodeType!;
}

export interface ProcessesOptions {
	parameters?: INodeParameters;
	/** The n8n installation the processes belong to; unset: the test process's own. */
	instance?: N8nInstance;
	/** The workflow's row in that n8n's database; a new one if unset. */
	database?: SavedStaticData;
}

/**
 * `count` processes of one n8n (main, webhook processors) running the same workflow: one node,
 * one database row for its static data, each process with its own memory.
 */
export function processesOf(count: number, options: ProcessesOptions = {}): TriggerUnderTest[] {
	const database = options.database ?? new SavedStaticData();
	const id = `krebit-trigger-${++nodeCount}`;
	return Array.from({ length: count }, () => {
		const harness = new KrebitHarness();
		const nodeType = triggerTypeOfNewProcess();
		harness.registerNode('n8n-nodes-krebit.krebitTrigger', nodeType);
		const node = {
			...harness.node('n8n-nodes-krebit.krebitTrigger', options.parameters ?? { events: THREE_EVENTS }, 'Krebit Trigger'),
			id,
			webhookId: WEBHOOK_ID,
		};
		const process = new TriggerUnderTest(harness.nodeTypes, harness.credentials, nodeType, node);
		process.database = database;
		process.instance = options.instance;
		return process;
	});
}

/** A small repeatable random sequence (mulberry32), for shuffling the order Krebit handles requests in. */
export function seeded(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Whether a target is this node's production webhook (not the test URL). */
export const isProduction = (target: string) => new URL(target).pathname === PRODUCTION_PATH;

/** The node's subscriptions as n8n last saved them in the workflow's database row. */
export function savedSubscriptions(database: SavedStaticData): Stored[] {
	const node = database.load()['node:Krebit Trigger'] as { subscriptions?: Stored[] } | undefined;
	return node?.subscriptions ?? [];
}

/**
 * Krebit sends one delivery per live production subscription of each of `count` events, in
 * turn over THREE_EVENTS, round-robin over `processes` (each loading the workflow from the
 * database, as n8n does per request): how many started a run and how many were refused.
 */
export async function deliverActs(krebit: FakeWebhooks, processes: TriggerUnderTest[], count: number, round = 'act') {
	let started = 0;
	let refused = 0;
	for (let n = 0; n < count; n++) {
		const event = THREE_EVENTS[n % THREE_EVENTS.length];
		const live: FakeSubscription[] = krebit.subscriptions.filter((s) => s.event === event && isProduction(s.target));
		for (const subscription of live) {
			const body = delivery(`${round}-${n}-${subscription.id}`, event);
			const answer = await processes[n % processes.length].deliver(body, signed(subscription.secret, body));
			if (answer.started) started++;
			if (answer.status === 401) refused++;
		}
	}
	return { started, refused };
}
