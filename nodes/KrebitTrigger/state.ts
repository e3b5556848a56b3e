import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

/** The contexts the trigger manages its subscriptions from: activation hooks and deliveries. */
export type TriggerContext = IHookFunctions | IWebhookFunctions;

/** One Krebit webhook subscription of this node, kept in the node's static data. */
export interface StoredSubscription {
	id: string;
	event: string;
	target: string;
	secret: string;
}

/** What the trigger keeps in `getWorkflowStaticData('node')`. */
export interface TriggerStaticData extends IDataObject {
	subscriptions?: StoredSubscription[];
	/**
	 * The OAuth client id of the credential the subscriptions were made with: Krebit sends it as
	 * X-Client-Id. Kept here so a delivery needs no credential read.
	 */
	clientId?: string;
	/** When the trigger last remade its subscriptions after finding its state gone (ms since 1970). */
	lastRepairAt?: number;
}

export function staticDataOf(context: { getWorkflowStaticData(type: string): IDataObject }): TriggerStaticData {
	return context.getWorkflowStaticData('node') as TriggerStaticData;
}

export function storedSubscriptions(context: { getWorkflowStaticData(type: string): IDataObject }): StoredSubscription[] {
	return staticDataOf(context).subscriptions ?? [];
}
