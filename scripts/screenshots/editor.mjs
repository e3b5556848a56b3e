// The editor page helpers of `npm run screenshots` (scripts/screenshots.mjs): waiting for n8n's
// editor to settle, closing its pop-ups, opening a node, and writing one clipped PNG.
import { statSync } from 'node:fs';
import { join } from 'node:path';

import { OWNER } from '../stack/rest.mjs';

/** The browser window the shots are taken in. */
export const VIEWPORT = { width: 1440, height: 900 };

/**
 * Helpers around one signed-in editor page. `shoot(name, clip)` writes `<outDir>/<fileName(name)>`
 * and logs its size.
 */
export function editor(page, base, { viewport, outDir, fileName = (name) => name, log = console.log }) {
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
			await page.mouse.move(viewport.width - 2, 2);
			await page.waitForTimeout(300);
			const path = join(outDir, fileName(name));
			await page.screenshot({ path, clip, animations: 'disabled', caret: 'hide' });
			log(`  ${fileName(name)}: ${Math.round(statSync(path).size / 1024)} KB`);
		},
	};
	return ui;
}

export async function signIn(page, base) {
	await page.goto(`${base}/signin`);
	await page.getByRole('textbox', { name: /email/i }).fill(OWNER.email);
	await page.getByRole('textbox', { name: /password/i }).fill(OWNER.password);
	await page.getByRole('button', { name: /sign in/i }).click();
	await page.waitForURL(/\/home\//);
}
