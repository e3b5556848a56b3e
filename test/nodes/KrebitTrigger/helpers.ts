import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { KrebitTrigger } from '../../../nodes/KrebitTrigger/KrebitTrigger.node';
import { signatureOf } from '../../../nodes/shared/signature';
import { INSTANCE_URL } from '../../harness/engine';
import { FakeWebhooks, type FakeWebhooksOptions } from '../../harness/fake-webhooks';
import { KrebitHarness } from '../../harness/krebit-harness';
import { TriggerUnderTest, WEBHOOK_ID } from '../../harness/trigger';

export const PRODUCTION_PATH = `/webhook/${WEBHOOK_ID}/webhook`;
export const PRODUCTION_URL = `${INSTANCE_URL}${PRODUCTION_PATH}`;
export const TEST_URL = `${INSTANCE_URL}/webhook-test/${WEBHOOK_ID}/webhook`;
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
