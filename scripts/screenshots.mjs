// npm run screenshots: the pictures in docs/images, taken in headless Chromium from the demo.
// Starts the sandbox and n8n 2.41.1 with the packed package as `npm run demo` does, adds the
// demo content and a few small workflows, drives Debian's chromium with playwright-core and
// writes one PNG per part of the README. Everything it starts is stopped by its PID at the end.
//   node scripts/screenshots.mjs [--only credential,trigger,act-picker] [--out DIR] [--suffix=-after]
//                                [--tarball other-build.tgz]
// --only takes the named shots alone; --out and --suffix write them elsewhere under other
// names; --tarball installs that packed package instead of this checkout's build (a "before"
// set from an older commit: `npm pack` there, the same shots here).
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { createDemoContent } from './stack/demo-content.mjs';
import { N8N_VERSIONS, ROOT, packPackage } from './stack/n8n-process.mjs';
import { startN8n, startSandbox } from './stack/stack.mjs';
import { byId, chain, krebitNode } from './stack/workflows.mjs';
import { VIEWPORT, editor, signIn } from './screenshots/editor.mjs';
import { SHOTS } from './screenshots/shots.mjs';

const CHROMIUM = '/usr/bin/chromium';
const N8N_PORT = Number(process.env.SCREENSHOTS_N8N_PORT ?? 5780);
const SANDBOX_PORT = Number(process.env.SCREENSHOTS_SANDBOX_PORT ?? 18580);
const { values: options } = parseArgs({
	options: { only: { type: 'string' }, out: { type: 'string' }, suffix: { type: 'string', default: '' }, tarball: { type: 'string' } },
});
const IMAGES = options.out ? resolve(options.out) : join(ROOT, 'docs/images');
const started = Date.now();
const seconds = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;

/** Debian's chromium: installed with apt-get when missing and running as root, else skipped. */
function ensureChromium() {
	if (existsSync(CHROMIUM)) return true;
	if (process.getuid?.() !== 0) {
		console.log(`screenshots skipped: ${CHROMIUM} is missing; install it with "sudo apt-get install -y chromium" and run again.`);
		return false;
	}
	console.log(`installing chromium with apt-get (${CHROMIUM} is missing)`);
	const install = () => execFileSync('apt-get', ['install', '-y', 'chromium'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
	try {
		install();
	} catch {
		execFileSync('apt-get', ['update'], { stdio: 'inherit' });
		install();
	}
	return existsSync(CHROMIUM);
}

/** The workflows the shots need beyond the demo's: Client > Get and Act > Get (From list), Get Many, and a client that does not exist. */
async function createShotWorkflows(rest, credential) {
	const manual = () => ({ id: randomUUID(), name: 'When clicking "Execute workflow"', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} });
	const make = async (name, node) => {
		const flow = chain([manual(), node]);
		const workflow = await rest.createWorkflow(name, flow.nodes, flow.connections);
		return { id: workflow.id, nodeId: node.id };
	};
	return {
		clientGet: await make('Krebit: get a client', krebitNode('Get a client', credential, { resource: 'client', operation: 'get', clientId: { __rl: true, mode: 'list', value: '' } })),
		actGet: await make('Krebit: get an act', krebitNode('Get an act', credential, { resource: 'act', operation: 'get', actId: { __rl: true, mode: 'list', value: '' } })),
		clientGetMany: await make('Krebit: get many clients', krebitNode('Get many clients', credential, { resource: 'client', operation: 'getAll', returnAll: false, limit: 5 })),
		missingClient: await make('Krebit: a client that does not exist', krebitNode('Get client 99999999', credential, { resource: 'client', operation: 'get', clientId: byId(99999999) })),
		...(await createSigningShotWorkflows(make, credential)),
	};
}

/** Signing > Send (its operations list), Download Document of a completed signing, Get by Org Number. */
async function createSigningShotWorkflows(make, credential, sandbox = createSigningShotWorkflows.sandbox) {
	const signings = (await sandbox.api('/signings?limit=50')).data;
	const completed = signings.find((signing) => signing.status === 'completed' && signing.documents.length > 0);
	const client = (await sandbox.api('/clients/5000')).data;
	return {
		signingSend: await make('Krebit: send a signing', krebitNode('Send a signing', credential, { resource: 'signing', operation: 'send', signingId: byId(completed.id) })),
		signingDownload: await make(
			'Krebit: download the sealed PDF',
			krebitNode('Download sealed PDF', credential, {
				resource: 'signing',
				operation: 'downloadDocument',
				signingId: byId(completed.id),
				documentId: byId(completed.documents[0].id),
				binaryPropertyName: 'data',
			}),
		),
		clientByOrgNumber: await make(
			'Krebit: client by org number',
			krebitNode('Client by org number', credential, { resource: 'client', operation: 'getByOrgNumber', orgNumber: client.org_number }),
		),
	};
}

/** The shots --only names (all of them without it); an unknown name is an error before anything starts. */
function chosenShots() {
	if (!options.only) return SHOTS;
	const names = options.only.split(',').map((name) => name.trim().replace(/\.png$/, '')).filter(Boolean);
	const unknown = names.filter((name) => !SHOTS.some((shot) => shot.name === name));
	if (unknown.length > 0) throw new Error(`--only: no shot named ${unknown.join(', ')} (shots: ${SHOTS.map((shot) => shot.name).join(', ')})`);
	return SHOTS.filter((shot) => names.includes(shot.name));
}

async function takeShots(page, base, content, extra, shots) {
	const fileName = (name) => name.replace(/\.png$/, `${options.suffix}.png`);
	const ui = editor(page, base, { viewport: VIEWPORT, outDir: IMAGES, fileName, log: (line) => console.log(`${line} (${seconds()})`) });
	await ui.goto('/home/workflows');
	for (const shot of shots) await shot.take(ui, page, content, extra);
}

let sandbox;
let n8n;
let context;
let page;
let userDataDir;
async function stopAll() {
	await context?.close().catch(() => undefined);
	if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
	await n8n?.stop();
	await sandbox?.stop();
	n8n?.cleanup();
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => void stopAll().then(() => process.exit(1)));

if (!ensureChromium()) process.exit(0);
let failed = false;
try {
	const { chromium } = await import('playwright-core');
	const shots = chosenShots();
	console.log(options.tarball ? `[1/4] using the packed package ${options.tarball} (${seconds()})` : `[1/4] building and packing the package (${seconds()})`);
	const tarball = options.tarball ? resolve(options.tarball) : packPackage();
	console.log(`[2/4] starting the sandbox on 127.0.0.1:${SANDBOX_PORT} and n8n ${N8N_VERSIONS['2.41']} on 127.0.0.1:${N8N_PORT} (${seconds()})`);
	sandbox = await startSandbox({ port: SANDBOX_PORT });
	const stack = await startN8n({ version: N8N_VERSIONS['2.41'], sandbox, port: N8N_PORT, tarball, env: { N8N_LOG_LEVEL: 'warn' } });
	n8n = stack.n8n;
	console.log(`[3/4] creating the demo content and the workflows the shots use (${seconds()})`);
	const content = await createDemoContent(stack.rest, sandbox.client);
	createSigningShotWorkflows.sandbox = sandbox.client;
	const extra = await createShotWorkflows(stack.rest, content.credential);
	console.log(`[4/4] taking ${shots.map((shot) => shot.name).join(', ')} into ${IMAGES} with ${CHROMIUM} (${seconds()})`);
	mkdirSync(IMAGES, { recursive: true });
	userDataDir = mkdtempSync(join(tmpdir(), 'krebit-chromium-'));
	context = await chromium.launchPersistentContext(userDataDir, {
		executablePath: CHROMIUM,
		headless: true,
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
		viewport: VIEWPORT,
		deviceScaleFactor: 1,
	});
	page = context.pages()[0] ?? (await context.newPage());
	page.setDefaultTimeout(30_000);
	// "Leave without saving?" would block a navigation: leave.
	page.on('dialog', (dialog) => void dialog.accept());
	await signIn(page, n8n.base);
	await takeShots(page, n8n.base, content, extra, shots);
	console.log(`done in ${seconds()}`);
} catch (error) {
	failed = true;
	console.error(`screenshots failed: ${error.message}`);
	const seen = join(tmpdir(), 'krebit-screenshots-failure.png');
	if (await page?.screenshot({ path: seen }).then(() => true, () => false)) console.error(`what the browser showed: ${seen}`);
	if (n8n) console.error(n8n.tail(30));
} finally {
	await stopAll();
}
process.exit(failed ? 1 : 0);
