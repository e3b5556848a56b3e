import { NodeOperationError } from 'n8n-workflow';

import { instanceMarkOf, markedTarget, ownershipOf, type Ownership } from './ownership';
import { storedSubscriptions, type TriggerContext } from './state';

/** This n8n installation's mark; '' on an n8n that gives nodes no instance id. */
export function instanceMark(context: TriggerContext): string {
	const withId = context as { getInstanceId?: () => string };
	return typeof withId.getInstanceId === 'function' ? instanceMarkOf(String(withId.getInstanceId() ?? '')) : '';
}

export interface TriggerScope {
	/** The target new subscriptions get: n8n's webhook URL for this node, marked as this installation's. */
	target: string;
	/** Which targets are this node's, in this installation. */
	owns: Ownership;
	mark: string;
}

/** The scope of `webhookUrl` (the current one, production or test, unless given). */
export function scopeOf(context: TriggerContext, webhookUrl = context.getNodeWebhookUrl('default')): TriggerScope {
	if (!webhookUrl) throw new NodeOperationError(context.getNode(), 'n8n gave no webhook URL for the Krebit Trigger');
	const mark = instanceMark(context);
	const target = markedTarget(webhookUrl, mark);
	const recorded = storedSubscriptions(context).map((s) => s.target);
	return { target, owns: ownershipOf(target, context.getNode().webhookId, recorded), mark };
}
