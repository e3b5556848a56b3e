// npm run screenshots: the pictures in docs/images, taken in headless Chromium from the demo.
// Starts the sandbox and n8n 2.41.1 with the packed package as `npm run demo` does, adds the
// demo content and three small workflows, drives Debian's chromium with playwright-core and
// writes one PNG per part of the README. Everything it starts is stopped by its PID at the end.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createDemoContent } from './stack/demo-content.mjs';
import { N8N_VERSIONS, ROOT, packPackage } from './stack/n8n-process.mjs';
import { OWNER } from './stack/rest.mjs';
import { startN8n, startSandbox } from './stack/stack.mjs';
import { byId, chain, krebitNode } from './stack/workflows.mjs';

const CHROMIUM = '/usr/bin/chromium';
const N8N_PORT = Number(process.env.SCREENSHOTS_N8N_PORT ?? 5780);
const SANDBOX_PORT = Number(process.env.SCREENSHOTS_SANDBOX_PORT ?? 18580);
const IMAGES = join(ROOT, 'docs/images');
const VIEWPORT = { width: 1440, height: 900 };
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

/** The workflows the shots need beyond the demo's: Client > Get (From list), Get Many, and a client that does not exist. */
async function createShotWorkflows(rest, credential) {
	const manual = () => ({ id: randomUUID(), name: 'When clicking "Execute workflow"', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} });
	const make = async (name, node) => {
		const flow = chain([manual(), node]);
		const workflow = await rest.createWorkflow(name, flow.nodes, flow.connections);
		return { id: workflow.id, nodeId: node.id };
	};
	return {
		clientGet: await make('Krebit: get a client', krebitNode('Get a client', credential, { resource: 'client', operation: 'get', clientId: { __rl: true, mode: 'list', value: '' } })),
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

/** Helpers around one signed-in editor page. */
function editor(page, base) {
	const ndv = page.locator('[data-test-id="ndv"]');
	const ui = {
		/** Waits until the editor stops loading: no request in flight, no spinner or skeleton shown. */
		async settle(extraMs = 800) {
			await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
			await page
				.waitForFunction(() => !document.querySelector('.el-loading-mask, .el-skeleton, [class*="_spinner_"], [data-test-id="loading-spinner"]'), undefined, { timeout: 15_000 })
				.catch(() => undefined);
			await page.waitForTimeout(extraMs);
		},
		/** Closes toasts ("Node executed successfully") and any first-run modal n8n shows. */
		async dismissPopups() {
			for (const close of await page.locator('.el-notification__closeBtn').all()) await close.click().catch(() => undefined);
			for (const modal of ['whats-new-modal', 'contact-prompt-modal', 'personalization-form', 'community-plus-enrollment-modal']) {
				const close = page.locator(`[data-test-id="${modal}"] .el-dialog__headerbtn`);
				if (await close.isVisible().catch(() => false)) await close.click();
			}
			await page.waitForTimeout(400);
		},
		async goto(path) {
			await page.goto(`${base}${path}`);
			await ui.settle();
			await ui.dismissPopups();
		},
		async openNode(workflowId, nodeId) {
			await ui.goto(`/workflow/${workflowId}/${nodeId}`);
			await ndv.waitFor();
			await ui.hideNeighbourButtons();
			await ui.settle();
		},
		/** The NDV's buttons to the neighbouring nodes stick out of its edge: half of one would show in a crop. */
		async hideNeighbourButtons() {
			await page.addStyleTag({ content: '[data-test-id="floating-node"]{visibility:hidden!important}' });
		},
		/** Runs the open node and waits for `shown` (a locator inside the NDV) in its output. */
		async executeStep(shown) {
			await ndv.locator('[data-test-id="node-execute-button"]').click();
			await ndv.locator('[data-test-id="output-panel"]').locator(shown).first().waitFor({ timeout: 60_000 });
			await ui.settle();
			await ui.dismissPopups();
		},
		/** Drags the NDV's middle panel so its drag handle sits at `toX`: left of the middle, the output panel shows more columns. */
		async moveMiddlePanel(toX) {
			const handle = ndv.locator('[data-test-id="panel-drag-button"]');
			const box = await handle.boundingBox();
			if (!box) throw new Error("the NDV's panel handle is not on the page");
			const [fromX, y] = [box.x + box.width / 2, box.y + box.height / 2];
			if (Math.abs(fromX - toX) < 20) return;
			await page.mouse.move(fromX, y);
			await page.mouse.down();
			await page.mouse.move(fromX + Math.sign(toX - fromX) * 50, y, { steps: 5 });
			await page.mouse.move(toX, y, { steps: 10 });
			await page.mouse.up();
			await ui.settle();
		},
		async box(selector) {
			const box = await page.locator(selector).first().boundingBox();
			if (!box) throw new Error(`${selector} is not on the page`);
			return box;
		},
		async shoot(name, clip) {
			// The pointer rests outside the NDV, so no hover highlight or tooltip is in the picture.
			await page.mouse.move(VIEWPORT.width - 2, 2);
			await page.waitForTimeout(300);
			const path = join(IMAGES, name);
			await page.screenshot({ path, clip, animations: 'disabled', caret: 'hide' });
			console.log(`  ${name}: ${Math.round(statSync(path).size / 1024)} KB (${seconds()})`);
		},
	};
	return ui;
}

async function signIn(page, base) {
	await page.goto(`${base}/signin`);
	await page.getByRole('textbox', { name: /email/i }).fill(OWNER.email);
	await page.getByRole('textbox', { name: /password/i }).fill(OWNER.password);
	await page.getByRole('button', { name: /sign in/i }).click();
	await page.waitForURL(/\/home\//);
}

async function takeShots(page, base, { credential, readWorkflow, triggerWorkflow }, extra) {
	const ui = editor(page, base);
	await ui.goto('/home/workflows');

	// 1. The node panel: a new workflow with a manual trigger, search "Krebit", open the Krebit entry.
	await ui.goto('/workflow/new');
	const creator = page.locator('[data-test-id="node-creator"]');
	const search = async (text, first) => {
		await page.locator('[data-test-id="node-creator-search-bar"] input, input[data-test-id="node-creator-search-bar"]').first().fill(text);
		await creator.locator('[data-test-id="node-creator-item-name"]').getByText(first, { exact: true }).first().waitFor();
		await ui.settle();
	};
	await page.locator('[data-test-id="canvas-add-button"]').click();
	await search('manual', 'Manual Trigger');
	await creator.locator('[data-test-id="node-creator-item-name"]').getByText('Manual Trigger', { exact: true }).first().click();
	await page.locator('[data-test-id="canvas-node"]').filter({ hasText: 'Execute workflow' }).waitFor();
	await ui.settle();
	await page.locator('[data-test-id="node-creator-plus-button"]').click();
	await search('Krebit', 'Krebit');
	await creator.locator('[data-test-id="node-creator-item-name"]').getByText('Krebit', { exact: true }).first().click();
	await creator.getByText('Get many clients').waitFor();
	await ui.settle();
	await ui.shoot('node-panel.png', { x: 560, y: 0, width: VIEWPORT.width - 560, height: VIEWPORT.height });

	// 2. The credential, every field at once: the modal grows to its content in a taller window.
	await ui.goto(`/home/credentials/${credential.id}`);
	const modal = '.el-dialog[class*="_credentialModal_"]';
	await page.locator(modal).getByText('Token Endpoint').waitFor();
	await page.setViewportSize({ width: VIEWPORT.width, height: 1400 });
	await page.addStyleTag({ content: `${modal}{height:auto!important;max-height:none!important} ${modal} [class*="_mainContent_"]{height:auto!important;max-height:none!important;overflow:visible!important}` });
	await ui.settle();
	await ui.shoot('credential.png', await ui.box(modal));
	await page.setViewportSize(VIEWPORT);

	// 3. Client > Get with the "From list" picker open.
	await ui.openNode(extra.clientGet.id, extra.clientGet.nodeId);
	await page.getByPlaceholder('Select a client...').click();
	await page.getByText(/ AB \(\d{6}-\d{4}\)$/).first().waitFor({ timeout: 60_000 });
	await ui.settle();
	const parameters = await ui.box('[data-test-id="node-parameters"]');
	const ndvBox = await ui.box('[data-test-id="ndv"]');
	await ui.shoot('client-get.png', { x: parameters.x - 1, y: ndvBox.y + 42, width: parameters.width + 2, height: 600 });

	// 4. The Krebit Trigger: the notice, the events list open, n8n's "when will this trigger" help.
	const trigger = triggerWorkflow.nodes.find((node) => node.type.endsWith('.krebitTrigger'));
	await ui.openNode(triggerWorkflow.id, trigger.id);
	await page.getByText('When will this node trigger my flow?').click();
	await page.locator('[data-test-id="ndv"] [data-test-id="parameter-input-events"]').click();
	await page.getByText('Signing Reminder Dispatched').waitFor();
	await ui.settle();
	const triggerParameters = await ui.box('[data-test-id="node-parameters"]');
	await ui.shoot('trigger.png', { x: ndvBox.x, y: ndvBox.y, width: triggerParameters.x + triggerParameters.width + 2 - ndvBox.x, height: ndvBox.height });

	// 5. A client that does not exist: Krebit's message, the hint and the request ID.
	await ui.openNode(extra.missingClient.id, extra.missingClient.nodeId);
	await ui.executeStep('text=Krebit answered 404');
	await page.locator('[data-test-id="ndv"]').getByText('From Krebit', { exact: true }).click();
	await ui.settle();
	await ui.shoot('error.png', { x: ndvBox.x, y: ndvBox.y, width: ndvBox.width, height: 480 });

	// 6. Client > Get Many, executed: its parameters beside the clients it returned.
	await ui.openNode(extra.clientGetMany.id, extra.clientGetMany.nodeId);
	await ui.moveMiddlePanel(420);
	await ui.executeStep('table');
	const manyParameters = await ui.box('[data-test-id="node-parameters"]');
	await ui.shoot('client-get-many.png', { x: manyParameters.x - 1, y: ndvBox.y + 42, width: ndvBox.x + ndvBox.width - manyParameters.x + 1, height: 420 });

	// 7. The demo workflow run, and the data points of each client's latest act as a table.
	await ui.goto(`/workflow/${readWorkflow.id}`);
	await page.locator('[data-test-id="execute-workflow-button"]').click();
	const dataPoints = page.locator('[data-test-id="canvas-node"]').filter({ hasText: 'Get data points' });
	await page.getByText('5 items').last().waitFor({ timeout: 60_000 });
	await ui.settle(1500);
	await ui.dismissPopups();
	await dataPoints.dblclick();
	await ui.hideNeighbourButtons();
	await page.locator('[data-test-id="ndv"] [data-test-id="output-panel"] table').waitFor();
	await ui.moveMiddlePanel(600);
	await ui.shoot('output.png', { x: ndvBox.x, y: ndvBox.y, width: ndvBox.width, height: 560 });

	// 8. The Signing operations, from draft to sealed PDF: the Operation list open.
	await ui.openNode(extra.signingSend.id, extra.signingSend.nodeId);
	await page.locator('[data-test-id="ndv"] [data-test-id="parameter-input-operation"]').click();
	await page.getByText('Download Document', { exact: true }).waitFor();
	await ui.settle();
	const signingParameters = await ui.box('[data-test-id="node-parameters"]');
	await ui.shoot('signing-operations.png', { x: signingParameters.x - 1, y: ndvBox.y + 42, width: signingParameters.width + 2, height: 640 });

	// 9. Download Document, executed: the sealed PDF as binary data.
	await ui.openNode(extra.signingDownload.id, extra.signingDownload.nodeId);
	await ui.moveMiddlePanel(520);
	await ui.executeStep('text=application/pdf');
	await ui.shoot('signing-download.png', { x: ndvBox.x, y: ndvBox.y, width: ndvBox.width, height: 520 });

	// 10. Client > Get by Org Number, executed with a dashed org number.
	await ui.openNode(extra.clientByOrgNumber.id, extra.clientByOrgNumber.nodeId);
	await ui.moveMiddlePanel(520);
	// One item: n8n shows it as a schema, not a table.
	await ui.executeStep('text=org_number');
	await ui.shoot('client-org-number.png', { x: ndvBox.x, y: ndvBox.y, width: ndvBox.width, height: 420 });
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
	console.log(`[1/4] building and packing the package (${seconds()})`);
	const tarball = packPackage();
	console.log(`[2/4] starting the sandbox on 127.0.0.1:${SANDBOX_PORT} and n8n ${N8N_VERSIONS['2.41']} on 127.0.0.1:${N8N_PORT} (${seconds()})`);
	sandbox = await startSandbox({ port: SANDBOX_PORT });
	const stack = await startN8n({ version: N8N_VERSIONS['2.41'], sandbox, port: N8N_PORT, tarball, env: { N8N_LOG_LEVEL: 'warn' } });
	n8n = stack.n8n;
	console.log(`[3/4] creating the demo content and the workflows the shots use (${seconds()})`);
	const content = await createDemoContent(stack.rest, sandbox.client);
	createSigningShotWorkflows.sandbox = sandbox.client;
	const extra = await createShotWorkflows(stack.rest, content.credential);
	console.log(`[4/4] taking the screenshots into docs/images with ${CHROMIUM} (${seconds()})`);
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
	await takeShots(page, n8n.base, content, extra);
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
