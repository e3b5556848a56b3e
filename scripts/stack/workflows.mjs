// Workflow JSON for the e2e suites and the demo: a Webhook that answers with the last node's
// items, followed by Krebit nodes; a Krebit Trigger workflow; small node builders.
import { randomUUID } from 'node:crypto';

import { parseJson } from './text.mjs';
import { sleep } from './wait.mjs';

export const KREBIT = 'n8n-nodes-krebit.krebit';
export const KREBIT_TRIGGER = 'n8n-nodes-krebit.krebitTrigger';
export const KREBIT_POLLING_TRIGGER = 'n8n-nodes-krebit.krebitPollingTrigger';

/** A resource locator value "By ID", what the editor stores for a typed ID. */
export const byId = (value) => ({ __rl: true, mode: 'id', value: String(value) });

export function credentialRef(credential) {
	return { krebitOAuth2Api: { id: credential.id, name: credential.name } };
}

/** Any node (placed later by `chain`); `extra` holds credentials, a webhookId or settings such as `onError`. */
export function node(name, type, typeVersion, parameters = {}, extra = {}) {
	return { id: randomUUID(), name, type, typeVersion, position: [0, 0], parameters, ...extra };
}

/** A Krebit node; `settings` holds node settings such as `onError`. */
export const krebitNode = (name, credential, parameters, settings = {}) => node(name, KREBIT, 1, parameters, { credentials: credentialRef(credential), ...settings });

export const codeNode = (name, jsCode) => node(name, 'n8n-nodes-base.code', 2, { jsCode });

export const noOpNode = (name = 'Received') => node(name, 'n8n-nodes-base.noOp', 1);

/** The Manual Trigger the editor's "Execute workflow" starts, under its default name. */
export const MANUAL_TRIGGER = 'When clicking "Execute workflow"';
export const manualTriggerNode = () => node(MANUAL_TRIGGER, 'n8n-nodes-base.manualTrigger', 1);

/** Nodes connected one after another, positioned left to right. */
export function chain(nodes) {
	const connections = {};
	nodes.forEach((node, index) => {
		node.position = [index * 240, 0];
		if (index > 0) connections[nodes[index - 1].name] = { main: [[{ node: node.name, type: 'main', index: 0 }]] };
	});
	return { nodes, connections };
}

/**
 * Webhook (POST `path`, answers with every item of the last node) → `nodes`. Calling the
 * webhook runs the workflow in the real n8n and returns what the last node output.
 * `{ respond: 'onReceived' }` makes it answer at once instead, as a plain inbound webhook does.
 */
export function webhookWorkflow(path, nodes, { respond = 'lastNode' } = {}) {
	const answer = respond === 'lastNode' ? { responseMode: 'lastNode', responseData: 'allEntries' } : { responseMode: respond };
	const webhook = node('Webhook', 'n8n-nodes-base.webhook', 2, { httpMethod: 'POST', path, ...answer, options: {} }, { webhookId: randomUUID() });
	return chain([webhook, ...nodes]);
}

/** The production URL path n8n serves a webhook trigger on (a Krebit subscription's target path). */
export const webhookPath = (webhookId) => `/webhook/${webhookId}/webhook`;

export function triggerWorkflow(credential, parameters, { after = [], webhookId = randomUUID(), type = KREBIT_TRIGGER, typeVersion = type === KREBIT_TRIGGER ? 1.1 : 1 } = {}) {
	const trigger = node('Krebit Trigger', type, typeVersion, parameters, { webhookId, credentials: credentialRef(credential) });
	return { ...chain([trigger, ...(after.length ? after : [noOpNode()])]), webhookId, path: webhookPath(webhookId) };
}

/** Creates, activates and waits until the webhook answers; returns a function that calls it. */
export async function deployWebhookWorkflow(rest, name, path, nodes, { base = rest.base } = {}) {
	const { nodes: all, connections } = webhookWorkflow(path, nodes);
	const workflow = await rest.createWorkflow(name, all, connections);
	await rest.activate(workflow);
	const call = async (body = {}) => {
		const response = await fetch(`${base}/webhook/${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
		return { status: response.status, body: parseJson(await response.text()) };
	};
	await waitForPostWebhook(`${base}/webhook/${path}`);
	return { workflow, call };
}

/**
 * Waits (up to 30 s) until n8n serves the POST webhook at `url`: n8n answers a GET on it with
 * 404 "…not registered for GET requests…" once it is registered, and "…is not registered" before.
 */
export async function waitForPostWebhook(url) {
	for (let i = 0; i < 120; i++) {
		const probe = await fetch(url).catch(() => undefined);
		const text = probe ? await probe.text() : '';
		if (probe && (probe.status !== 404 || /not registered for GET|Did you mean to make a POST/i.test(text))) return true;
		await sleep(250);
	}
	return false;
}
