import { HookContext, WebhookContext } from 'n8n-core';
import type {
	IDataObject,
	INode,
	INodeType,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
	Logger,
	WorkflowActivateMode,
} from 'n8n-workflow';

import { buildAdditionalData, INSTANCE_URL, singleNodeWorkflow, type HarnessNodeTypes } from './engine';
import type { HarnessCredentialsHelper } from './credentials-helper';
import type { N8nInstance, SavedStaticData } from './n8n-instance';

export const WEBHOOK_ID = '5d2c6a8e-1f3b-4c7d-9e0a-2b4c6d8e0f13';

/** What Krebit would see of our answer to a delivery. */
export interface DeliveryAnswer {
	status: number;
	body: unknown;
	/** The items the trigger started the workflow with, if it started it. */
	started: IDataObject[] | undefined;
	result: IWebhookResponseData;
}

/**
 * One trigger node in one workflow, driven the way n8n drives it: webhook methods through
 * n8n-core's HookContext, deliveries through its WebhookContext. Static data lives on the
 * workflow, as n8n keeps it between activation and deliveries.
 */
export class TriggerUnderTest {
	readonly staticData: IDataObject = {};

	/** Where this n8n is reached from outside (n8n's WEBHOOK_URL); change it to move n8n. */
	instanceUrl = INSTANCE_URL;

	/** Another n8n installation (its own instance id); unset: the test process's own. */
	instance?: N8nInstance;

	/**
	 * Static data kept as n8n's database keeps it (a copy loaded per request, written back when
	 * changed); unset: one object shared by every call, as in one n8n process.
	 */
	database?: SavedStaticData;

	constructor(
		private readonly nodeTypes: HarnessNodeTypes,
		readonly credentials: HarnessCredentialsHelper,
		private readonly nodeType: INodeType,
		readonly node: INode,
	) {}

	private workflow() {
		return singleNodeWorkflow(this.nodeTypes, this.node, this.database ? this.database.load() : this.staticData);
	}

	private build<T>(make: () => T): T {
		return this.instance ? this.instance.whileBuilding(make) : make();
	}

	private additionalData(extra: Partial<IWorkflowExecuteAdditionalData> = {}) {
		return buildAdditionalData(this.credentials, {
			webhookBaseUrl: `${this.instanceUrl}/webhook`,
			webhookTestBaseUrl: `${this.instanceUrl}/webhook-test`,
			...extra,
		});
	}

	private webhookData(isTest: boolean, additionalData: IWorkflowExecuteAdditionalData): IWebhookData {
		const description = this.nodeType.description.webhooks![0];
		return {
			httpMethod: 'POST',
			node: this.node.name,
			path: `${WEBHOOK_ID}/webhook`,
			webhookDescription: description,
			workflowId: 'harness-workflow',
			workflowExecuteAdditionalData: additionalData,
			webhookId: WEBHOOK_ID,
			isTest,
		};
	}

	/** Calls `checkExists`, `create` or `delete` as n8n does on activation and deactivation. */
	async hook(method: 'checkExists' | 'create' | 'delete', options: { isTest?: boolean; activation?: WorkflowActivateMode } = {}) {
		const workflow = this.workflow();
		const additionalData = this.additionalData();
		const context = this.build(
			() =>
				new HookContext(
					workflow,
					this.node,
					additionalData,
					options.isTest ? 'manual' : 'trigger',
					options.activation ?? 'activate',
					this.webhookData(options.isTest ?? false, additionalData),
				),
		);
		// The workflow's static data writes through to `this.staticData`, as n8n keeps it.
		try {
			return await this.nodeType.webhookMethods!.default![method].call(context);
		} finally {
			// n8n saves the workflow's static data after activating or deactivating it.
			this.database?.saveIfChanged(workflow.staticData);
		}
	}

	/** The node's own static data (what `getWorkflowStaticData('node')` returns), made if missing as n8n does. */
	nodeStaticData(): IDataObject {
		const key = `node:${this.node.name}`;
		if (this.database) return (this.database.load()[key] ?? {}) as IDataObject;
		this.staticData[key] ??= {};
		return this.staticData[key] as IDataObject;
	}

	/** The logger n8n-core hands to node contexts (its own instance, from its own container). */
	n8nLogger(): Logger {
		const context = new HookContext(this.workflow(), this.node, this.additionalData(), 'trigger', 'activate');
		return context.logger as Logger;
	}

	/**
	 * POSTs `rawBody` with `headers` to the trigger, as n8n's webhook server hands it over: to the
	 * production URL in mode `webhook`, or with `isTest` to the test URL in mode `manual`.
	 */
	async deliver(rawBody: Buffer, headers: Record<string, string>, options: { isTest?: boolean; unread?: boolean } = {}): Promise<DeliveryAnswer> {
		const isTest = options.isTest ?? false;
		const workflow = this.workflow();
		const lowerHeaders = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
		let parsedBody: unknown = {};
		try {
			parsedBody = JSON.parse(rawBody.toString('utf8'));
		} catch {
			parsedBody = {};
		}
		const request: Record<string, unknown> = {
			method: 'POST',
			url: `/${isTest ? 'webhook-test' : 'webhook'}/${WEBHOOK_ID}/webhook`,
			headers: lowerHeaders,
			body: parsedBody,
			rawBody,
			params: {},
			query: {},
		};
		if (options.unread) {
			// As n8n hands over a body it did not parse (version 1.1, a content type it skips):
			// no rawBody yet, and its body reader that sets it.
			request.body = {};
			delete request.rawBody;
			request.readRawBody = async () => {
				request.rawBody = rawBody;
			};
		}
		const response = new RecordingResponse();
		const additionalData = this.additionalData({ httpRequest: request as never, httpResponse: response as never });
		const mode = isTest ? 'manual' : 'webhook';
		const context = this.build(
			() => new WebhookContext(workflow, this.node, additionalData, mode, this.webhookData(isTest, additionalData), [], null),
		);
		const result = await this.nodeType.webhook!.call(context);
		const started = result.workflowData?.[0]?.map((item) => item.json);
		// n8n saves static data after a request that starts no run, never after one that does.
		if (!started) this.database?.saveIfChanged(workflow.staticData);
		return {
			status: response.statusCode ?? (started ? 200 : 0),
			body: response.body ?? result.webhookResponse,
			started,
			result,
		};
	}
}

/** The part of Express's Response our trigger uses, recording what was answered. */
class RecordingResponse {
	statusCode?: number;

	body?: unknown;

	headersSent = false;

	status(code: number) {
		this.statusCode = code;
		return this;
	}

	json(body: unknown) {
		this.body = body;
		this.headersSent = true;
		return this;
	}

	send(body: unknown) {
		return this.json(body);
	}

	end() {
		this.headersSent = true;
		return this;
	}
}
