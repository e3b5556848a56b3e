// The shots of `npm run screenshots` (scripts/screenshots.mjs), by name: each opens its own
// page of the demo's editor, brings the part the README shows into view and writes one PNG.
import { VIEWPORT } from './editor.mjs';

/** The NDV's box and the node parameters' box of the open node. */
async function ndvBoxes(ui) {
	return { ndvBox: await ui.box('[data-test-id="ndv"]'), parameters: await ui.box('[data-test-id="node-parameters"]') };
}

/** One shot per README part, in the order they are taken; each starts by opening its own page. */
export const SHOTS = [
	{
		// The node panel: a new workflow with a manual trigger, search "Krebit", open the Krebit entry.
		name: 'node-panel',
		async take(ui, page) {
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
		},
	},
	{
		// The credential, every field at once: the modal grows to its content in a taller window.
		name: 'credential',
		async take(ui, page, { credential }) {
			await ui.goto(`/home/credentials/${credential.id}`);
			const modal = '.el-dialog[class*="_credentialModal_"]';
			await page.locator(modal).getByText('Token Endpoint').waitFor();
			await page.setViewportSize({ width: VIEWPORT.width, height: 1400 });
			await page.addStyleTag({ content: `${modal}{height:auto!important;max-height:none!important} ${modal} [class*="_mainContent_"]{height:auto!important;max-height:none!important;overflow:visible!important}` });
			await ui.settle();
			await ui.shoot('credential.png', await ui.box(modal));
			await page.setViewportSize(VIEWPORT);
		},
	},
	{
		// Client > Get with the "From list" picker open.
		name: 'client-get',
		async take(ui, page, content, extra) {
			await ui.openNode(extra.clientGet.id, extra.clientGet.nodeId);
			await page.getByPlaceholder('Select a client...').click();
			await page.getByText(/ AB \(\d{6}-\d{4}\)$/).first().waitFor({ timeout: 60_000 });
			await ui.settle();
			const { ndvBox, parameters } = await ndvBoxes(ui);
			await ui.shoot('client-get.png', { x: parameters.x - 1, y: ndvBox.y + 42, width: parameters.width + 2, height: 600 });
		},
	},
	{
		// Act > Get with the "From list" picker open: how the acts are named.
		name: 'act-picker',
		async take(ui, page, content, extra) {
			await ui.openNode(extra.actGet.id, extra.actGet.nodeId);
			// "Select a act..." before the editor work, "Select an act..." after.
			await page.getByPlaceholder(/^Select an? act\.\.\.$/).click();
			await page.locator('[data-test-id="rlc-item"]').nth(5).waitFor({ timeout: 60_000 });
			await ui.settle(1500);
			const { ndvBox, parameters } = await ndvBoxes(ui);
			await ui.shoot('act-picker.png', { x: parameters.x - 1, y: ndvBox.y + 42, width: parameters.width + 2, height: 600 });
		},
	},
	{
		// The Krebit Trigger: the notice, the events list open, n8n's "when will this trigger" help.
		name: 'trigger',
		async take(ui, page, { triggerWorkflow }) {
			const trigger = triggerWorkflow.nodes.find((node) => node.type.endsWith('.krebitTrigger'));
			await ui.openNode(triggerWorkflow.id, trigger.id);
			await page.getByText('When will this node trigger my flow?').click();
			await page.locator('[data-test-id="ndv"] [data-test-id="parameter-input-events"]').click();
			await page.getByText('Signing Reminder Dispatched').waitFor();
			await ui.settle();
			const { ndvBox, parameters } = await ndvBoxes(ui);
			await ui.shoot('trigger.png', { x: ndvBox.x, y: ndvBox.y, width: parameters.x + parameters.width + 2 - ndvBox.x, height: ndvBox.height });
		},
	},
	{
		// A client that does not exist: Krebit's message, the hint and the request ID.
		name: 'error',
		async take(ui, page, content, extra) {
			await ui.openNode(extra.missingClient.id, extra.missingClient.nodeId);
			await ui.executeStep('text=Krebit answered 404');
			await page.locator('[data-test-id="ndv"]').getByText('From Krebit', { exact: true }).click();
			await ui.settle();
			const { ndvBox } = await ndvBoxes(ui);
			await ui.shoot('error.png', { x: ndvBox.x, y: ndvBox.y, width: ndvBox.width, height: 480 });
		},
	},
	{
		// Client > Get Many, executed: its parameters beside the clients it returned.
		name: 'client-get-many',
		async take(ui, page, content, extra) {
			await ui.openNode(extra.clientGetMany.id, extra.clientGetMany.nodeId);
			await ui.moveMiddlePanel(420);
			await ui.executeStep('table');
			const { ndvBox, parameters } = await ndvBoxes(ui);
			await ui.shoot('client-get-many.png', { x: parameters.x - 1, y: ndvBox.y + 42, width: ndvBox.x + ndvBox.width - parameters.x + 1, height: 420 });
		},
	},
	{
		// The demo workflow run, and the data points of each client's latest act as a table.
		name: 'output',
		async take(ui, page, { readWorkflow }) {
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
			const { ndvBox } = await ndvBoxes(ui);
			await ui.shoot('output.png', { x: ndvBox.x, y: ndvBox.y, width: ndvBox.width, height: 560 });
		},
	},
	{
		// The Signing operations, from draft to sealed PDF: the Operation list open.
		name: 'signing-operations',
		async take(ui, page, content, extra) {
			await ui.openNode(extra.signingSend.id, extra.signingSend.nodeId);
			await page.locator('[data-test-id="ndv"] [data-test-id="parameter-input-operation"]').click();
			await page.getByText('Download Document', { exact: true }).waitFor();
			await ui.settle();
			const { ndvBox, parameters } = await ndvBoxes(ui);
			await ui.shoot('signing-operations.png', { x: parameters.x - 1, y: ndvBox.y + 42, width: parameters.width + 2, height: 640 });
		},
	},
	{
		// Download Document, executed: the sealed PDF as binary data.
		name: 'signing-download',
		async take(ui, page, content, extra) {
			await ui.openNode(extra.signingDownload.id, extra.signingDownload.nodeId);
			await ui.moveMiddlePanel(520);
			await ui.executeStep('text=application/pdf');
			const { ndvBox } = await ndvBoxes(ui);
			await ui.shoot('signing-download.png', { x: ndvBox.x, y: ndvBox.y, width: ndvBox.width, height: 520 });
		},
	},
	{
		// Client > Get by Org Number, executed with a dashed org number (one item: n8n shows it as a schema).
		name: 'client-org-number',
		async take(ui, page, content, extra) {
			await ui.openNode(extra.clientByOrgNumber.id, extra.clientByOrgNumber.nodeId);
			await ui.moveMiddlePanel(520);
			await ui.executeStep('text=org_number');
			const { ndvBox } = await ndvBoxes(ui);
			await ui.shoot('client-org-number.png', { x: ndvBox.x, y: ndvBox.y, width: ndvBox.width, height: 420 });
		},
	},
];
