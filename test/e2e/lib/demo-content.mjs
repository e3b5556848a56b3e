// What `npm run demo` puts into a fresh n8n: a Krebit credential connected through n8n's own
// OAuth Connect flow against the sandbox, and two example workflows.
import { randomUUID } from 'node:crypto';

import { SANDBOX_CLIENT } from './sandbox-client.mjs';
import { chain, krebitNode, triggerWorkflow } from './workflows.mjs';

export async function createDemoContent(rest, sandbox) {
	const credential = await rest.createCredential('Krebit demo', 'krebitOAuth2Api', {
		organization: 'demo',
		grantType: 'authorizationCode',
		clientId: SANDBOX_CLIENT.id,
		clientSecret: SANDBOX_CLIENT.secret,
	});
	const connect = await rest.connectOAuth(credential.id, sandbox);
	if (connect.status !== 200) throw new Error(`Connect did not complete: n8n answered ${connect.status}`);

	const manual = {
		id: randomUUID(),
		name: 'When clicking "Execute workflow"',
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const clients = chain([
		manual,
		krebitNode('Get 5 clients', credential, { resource: 'client', operation: 'getAll', returnAll: false, limit: 5 }),
		krebitNode(
			'Get latest act',
			credential,
			{ resource: 'act', operation: 'getLatest', clientId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
			{ onError: 'continueRegularOutput' },
		),
		krebitNode(
			'Get data points',
			credential,
			{ resource: 'act', operation: 'getDataPoints', actId: { __rl: true, mode: 'id', value: '={{ $json.uuid }}' }, output: 'object' },
			{ onError: 'continueRegularOutput' },
		),
	]);
	const readWorkflow = await rest.createWorkflow('Krebit demo: clients, their latest act and its data points', clients.nodes, clients.connections);

	const trigger = triggerWorkflow(credential, { events: ['act.created'], options: {} });
	const triggerFlow = await rest.createWorkflow('Krebit demo: when an act is created', trigger.nodes, trigger.connections);
	await rest.activate(triggerFlow);
	return { credential, readWorkflow, triggerWorkflow: triggerFlow };
}
