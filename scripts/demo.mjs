// npm run demo: the package in a real n8n 2.41.1 against the Krebit sandbox, ready to click.
// Builds the package, installs n8n once (cached outside the clone), starts the sandbox and n8n,
// makes the owner, a connected Krebit credential and four example workflows, then creates a
// sandbox act every 30 seconds (and on Enter) so the trigger workflow fires; "s" and Enter lets
// the recipients of every sent signing sign, so the sealed-PDF workflow fires. Ctrl-C stops all.
import { createInterface } from 'node:readline';

import { createDemoContent } from './stack/demo-content.mjs';
import { N8N_VERSIONS, installN8n, packPackage } from './stack/n8n-process.mjs';
import { OWNER } from './stack/rest.mjs';
import { startN8n, startSandbox } from './stack/stack.mjs';

const VERSION = N8N_VERSIONS['2.41'];
const N8N_PORT = Number(process.env.DEMO_N8N_PORT ?? 5678);
const SANDBOX_PORT = Number(process.env.DEMO_SANDBOX_PORT ?? 8443);
const ACT_EVERY_SECONDS = Number(process.env.DEMO_ACT_EVERY_SECONDS ?? 30);
const started = Date.now();
const steps = 6;
let step = 0;
const progress = (text) => console.log(`[${++step}/${steps}] ${text} (${((Date.now() - started) / 1000).toFixed(0)} s)`);

let sandbox;
let n8n;
let stopping = false;
async function stopAll(code = 0) {
	if (stopping) return;
	stopping = true;
	console.log('\nstopping n8n and the sandbox…');
	await n8n?.stop();
	await sandbox?.stop();
	n8n?.cleanup();
	process.exit(code);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

try {
	progress('building and packing the package');
	const tarball = packPackage();
	progress(`installing n8n ${VERSION} with Node 24 (cached after the first time)`);
	installN8n(VERSION);
	progress(`starting the Krebit sandbox on 127.0.0.1:${SANDBOX_PORT}`);
	sandbox = await startSandbox({ port: SANDBOX_PORT });
	progress(`starting n8n on 127.0.0.1:${N8N_PORT} with the package installed as a community package`);
	const stack = await startN8n({ version: VERSION, sandbox, port: N8N_PORT, tarball, env: { N8N_LOG_LEVEL: 'warn' } });
	n8n = stack.n8n;
	progress("creating the owner, a Krebit credential (connected through n8n's Connect) and four workflows");
	await createDemoContent(stack.rest, sandbox.client);
	progress('ready');
	console.log(`
  n8n editor:  ${n8n.base}
  login:       ${OWNER.email} / ${OWNER.password}
  workflows:   "Krebit demo: clients, their latest act and its data points" (click Execute workflow)
               "Krebit demo: when an act is created" (active; see its Executions tab)
               "Krebit demo: send a signing" (click Execute workflow: a draft, a PDF, two signers, sent)
               "Krebit demo: when a signing completes, fetch the sealed PDF" (active)
  sandbox:     tenant "demo" at https://demo.krebit.se (served on 127.0.0.1:${sandbox.port})

  A new act is created in the sandbox every ${ACT_EVERY_SECONDS} s; press Enter for one now.
  After sending a signing, type s and Enter: its signers sign, and the sealed PDF is fetched.
  Ctrl-C stops everything.
`);
} catch (error) {
	console.error(`demo failed: ${error.message}`);
	if (n8n) console.error(n8n.tail(30));
	await stopAll(1);
}

async function createAct(reason) {
	try {
		const { act, deliveries } = await sandbox.client.admin('POST', '/acts', {});
		const answered = deliveries.map((d) => d.status ?? d.error).join(', ') || 'no subscription';
		console.log(`act ${act.uuid} for client ${act.client_id} (${reason}): delivered to n8n, answered ${answered}`);
	} catch (error) {
		console.log(`could not create an act: ${error.message}`);
	}
}
/** Every recipient of every sent signing signs, in order (as on Krebit's signing page). */
async function signSentSignings() {
	try {
		const sent = (await sandbox.client.api('/signings?limit=50')).data.filter((signing) => signing.status === 'sent');
		let signed = 0;
		for (const { id, name } of sent) {
			const { recipients } = await sandbox.client.admin('GET', `/signings/${id}`);
			const pending = recipients.filter((recipient) => recipient.status !== 'signed');
			if (pending.length === 0) continue;
			for (const recipient of pending) await sandbox.client.admin('POST', `/signings/${id}/recipients/${recipient.id}/sign`);
			signed++;
			console.log(`signing "${name}": ${pending.map((recipient) => recipient.name).join(' and ')} signed; signing.document.completed sent to n8n`);
		}
		if (signed === 0) console.log('no sent signing with recipients yet: run "Krebit demo: send a signing" first');
	} catch (error) {
		console.log(`could not sign: ${error.message}`);
	}
}

setInterval(() => void createAct(`every ${ACT_EVERY_SECONDS} s`), ACT_EVERY_SECONDS * 1000);
if (process.stdin.isTTY) {
	createInterface({ input: process.stdin }).on('line', (line) => void (line.trim().toLowerCase() === 's' ? signSentSignings() : createAct('Enter')));
}
