// What `npm run demo` puts into a fresh n8n: a Krebit credential connected through n8n's own
// OAuth Connect flow against the sandbox, and four example workflows.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { ROOT } from './n8n-process.mjs';
import { chain, codeNode, krebitNode, manualTriggerNode, triggerWorkflow } from './workflows.mjs';

export const DEMO_SIGNERS = [
	{ name: 'Anna Lindqvist', email: 'anna.lindqvist@example.se' },
	{ name: 'Erik Berg', email: 'erik.berg@example.se' },
];

/** After a trigger: draft → the PDF → upload → two recipients → send (the last node outputs the live signing). */
export function sendSigningNodes(credential) {
	const pdf = readFileSync(join(ROOT, 'test/fixtures/agreement.pdf')).toString('base64');
	const draftId = "={{ $('Create draft').first().json.id }}";
	return [
		krebitNode('Create draft', credential, {
			resource: 'signing',
			operation: 'create',
			name: 'Kreditavtal Bergström Bygg AB',
			language: 'SV',
			signingOrder: 'sequential',
			message: 'Vänligen signera kreditavtalet.',
		}),
		codeNode('A PDF', `return [{ json: $input.first().json, binary: { data: { data: '${pdf}', mimeType: 'application/pdf', fileName: 'kreditavtal.pdf' } } }];`),
		krebitNode('Upload document', credential, { resource: 'signing', operation: 'uploadDocument', signingId: { __rl: true, mode: 'id', value: draftId }, binaryPropertyName: 'data' }),
		codeNode('Signers', `return ${JSON.stringify(DEMO_SIGNERS)}.map((json) => ({ json }));`),
		krebitNode('Add recipient', credential, {
			resource: 'signing',
			operation: 'addRecipient',
			signingId: { __rl: true, mode: 'id', value: draftId },
			recipientName: '={{ $json.name }}',
			email: '={{ $json.email }}',
		}),
		krebitNode('Send', credential, { resource: 'signing', operation: 'send', signingId: { __rl: true, mode: 'id', value: draftId } }, { executeOnce: true }),
	];
}

/** Krebit Trigger on signing.document.completed → Download Document (the sealed PDF) → `then`. */
export function fetchSealedWorkflow(credential, then = []) {
	return triggerWorkflow(credential, { events: ['signing.document.completed'], options: {} }, {
		after: [
			krebitNode('Download sealed PDF', credential, {
				resource: 'signing',
				operation: 'downloadDocument',
				signingId: { __rl: true, mode: 'id', value: '={{ $json.signing_id }}' },
				documentId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
				binaryPropertyName: 'data',
			}),
			...then,
		],
	});
}

/** A sticky note above `node` (placed by `chain`), saying what the node shows. */
function noteAbove(node, content) {
	return {
		id: randomUUID(),
		name: `Note: ${node.name}`,
		type: 'n8n-nodes-base.stickyNote',
		typeVersion: 1,
		position: [node.position[0] - 30, node.position[1] - 250],
		parameters: { content, width: 220, height: 220 },
	};
}

/** Why the two Krebit steps after "Get 5 clients" go on after an error (also shown under each node). */
const WHY_CONTINUE = {
	latest: 'Continues on error: a client without any act yet answers 404; the others still go on, and that client\'s item shows the error.',
	points: 'Continues on error: the item of a client without an act carries the error from the step before and no act UUID; it stays visible instead of stopping the run.',
};

export async function createDemoContent(rest, sandbox) {
	const credential = await rest.createSandboxCredential('Krebit demo', { grantType: 'authorizationCode' });
	const connect = await rest.connectOAuth(credential.id, sandbox);
	if (connect.status !== 200) throw new Error(`Connect did not complete: n8n answered ${connect.status}`);

	const clients = chain([
		manualTriggerNode(),
		krebitNode('Get 5 clients', credential, { resource: 'client', operation: 'getAll', returnAll: false, limit: 5 }),
		krebitNode(
			'Get latest act',
			credential,
			{ resource: 'act', operation: 'getLatest', clientId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
			{ onError: 'continueRegularOutput', notes: WHY_CONTINUE.latest, notesInFlow: true },
		),
		krebitNode(
			'Get data points',
			credential,
			{ resource: 'act', operation: 'getDataPoints', actId: { __rl: true, mode: 'id', value: '={{ $json.uuid }}' }, output: 'object' },
			{ onError: 'continueRegularOutput', notes: WHY_CONTINUE.points, notesInFlow: true },
		),
	]);
	const [, getClients, getLatest, getPoints] = clients.nodes;
	const readNotes = [
		noteAbove(getClients, '## Get 5 clients\nThe five newest clients of the demo organization: one item each, with `id`, `company_name` and `org_number`.'),
		noteAbove(getLatest, `## Get latest act\nEach client's most recent act (credit evaluation): \`uuid\`, \`template_name\`, \`client_id\`.\n\n${WHY_CONTINUE.latest}`),
		noteAbove(getPoints, `## Get data points\nOne item per act: \`act_uuid\`, \`client_id\`, then each data point as Name: Value.\n\n${WHY_CONTINUE.points}`),
	];
	const readWorkflow = await rest.createWorkflow(
		'Krebit demo: clients, their latest act and its data points',
		[...clients.nodes, ...readNotes],
		clients.connections,
	);

	const trigger = triggerWorkflow(credential, { events: ['act.created'], options: {} });
	const [krebitTrigger, received] = trigger.nodes;
	const triggerNotes = [
		noteAbove(krebitTrigger, '## Krebit Trigger\nStarts a run when Krebit sends `act.created` (an act was made in Krebit Finance). Its item is the act Krebit sent, with `event`, `delivery_id` and `delivery_created_at`.'),
		noteAbove(received, '## Received\nDoes nothing: open it to see the item the trigger passed on. Put your own steps here.'),
	];
	const triggerFlow = await rest.createWorkflow('Krebit demo: when an act is created', [...trigger.nodes, ...triggerNotes], trigger.connections);
	await rest.activate(triggerFlow);

	const send = chain([manualTriggerNode(), ...sendSigningNodes(credential)]);
	const sendWorkflow = await rest.createWorkflow('Krebit demo: send a signing', send.nodes, send.connections);
	const sealed = fetchSealedWorkflow(credential);
	const sealedWorkflow = await rest.createWorkflow('Krebit demo: when a signing completes, fetch the sealed PDF', sealed.nodes, sealed.connections);
	await rest.activate(sealedWorkflow);
	return { credential, readWorkflow, triggerWorkflow: triggerFlow, sendWorkflow, sealedWorkflow };
}
