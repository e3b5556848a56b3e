import type { IWebhookFunctions } from 'n8n-workflow';

import { selectedEvents } from './events';
import { ownershipOf } from './ownership';
import { staticDataOf } from './state';
import { reconcileSubscriptions } from './subscriptions';

/** At most one repair per node in this time, so requests that fail verification cannot churn Krebit's webhooks. */
export const REPAIR_INTERVAL_MS = 10 * 60 * 1000;

/** When each node last started a repair in this n8n process: of concurrent refused deliveries, one repairs. */
const lastRepairInProcess = new Map<string, number>();

/**
 * Called after a delivery to the production webhook was refused for its signature. If the node
 * holds no secret for any subscription on its production path, its static data was lost (an
 * import, a reset row, a queue-mode worker writing over it) and no delivery can be verified:
 * the node's subscriptions at Krebit are then deleted and made afresh on the current URL, with
 * the new secrets stored. This request starts no run, so n8n saves the static data after it.
 * At most once per REPAIR_INTERVAL_MS per node (the time is kept in static data and in process
 * memory). Never throws: the outcome goes to n8n's log, without secrets.
 */
export async function repairLostSubscriptions(context: IWebhookFunctions): Promise<void> {
	// Test deliveries ("Listen for test event") run in manual mode: never a reason to repair production.
	if (context.getMode() === 'manual') return;
	const productionUrl = context.getNodeWebhookUrl('default');
	if (!productionUrl) return;
	const node = context.getNode();
	const owns = ownershipOf(productionUrl, node.webhookId);
	const data = staticDataOf(context);
	if ((data.subscriptions ?? []).some((s) => s.secret && owns(s.target))) return;

	const workflowId = String(context.getWorkflow().id ?? '');
	const key = `${workflowId}:${node.id}`;
	const now = Date.now();
	const last = Math.max(Number(data.lastRepairAt) || 0, lastRepairInProcess.get(key) ?? 0);
	if (now - last < REPAIR_INTERVAL_MS) return;
	data.lastRepairAt = now;
	lastRepairInProcess.set(key, now);

	const where = { workflowId, nodeName: node.name };
	try {
		const events = selectedEvents(context, true);
		const result = await reconcileSubscriptions(context, events);
		context.logger.info(
			`Krebit Trigger "${node.name}" had no stored webhook secrets, so it could not verify deliveries: it removed ${result.removed} of its webhook(s) at Krebit and made ${result.made} new one(s) (${events.join(', ')})`,
			where,
		);
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		context.logger.warn(
			`Krebit Trigger "${node.name}" has no stored webhook secrets and could not remake its Krebit webhooks: ${reason}. It tries again at a refused delivery after 10 minutes; deactivating and activating the workflow remakes them too.`,
			where,
		);
	}
}
