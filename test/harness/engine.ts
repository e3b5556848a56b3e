import { ExecutionLifecycleHooks, LoadOptionsContext, WorkflowExecute } from 'n8n-core';
import {
	createRunExecutionData,
	Workflow,
	type IConnections,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IWorkflowExecuteAdditionalData,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import { HarnessCredentialsHelper } from './credentials-helper';

export const INSTANCE_URL = 'http://localhost:5678';
export const CREDENTIAL_ID = 'krebit-credential-1';
export const CREDENTIAL_NAME = 'Krebit account';

/** Node types by their full name (`CUSTOM.krebit`), as n8n's loader registers a package's nodes. */
export class HarnessNodeTypes implements INodeTypes {
	private readonly types = new Map<string, INodeType>();

	register(fullName: string, nodeType: INodeType): this {
		this.types.set(fullName, nodeType);
		return this;
	}

	getByName(name: string): INodeType {
		return this.getByNameAndVersion(name);
	}

	getByNameAndVersion(name: string): INodeType {
		const nodeType = this.types.get(name);
		if (!nodeType) throw new Error(`Unknown node type "${name}" in the test harness`);
		return nodeType;
	}

	getKnownTypes() {
		return {};
	}

	/** The version the editor gives a new node of this type (1 for a type not registered). */
	newVersionOf(name: string): number {
		const description = this.types.get(name)?.description;
		if (!description) return 1;
		const versions = Array.isArray(description.version) ? description.version : [description.version];
		return description.defaultVersion ?? Math.max(...versions);
	}
}

export function buildAdditionalData(
	credentialsHelper: HarnessCredentialsHelper,
	extra: Partial<IWorkflowExecuteAdditionalData> = {},
): IWorkflowExecuteAdditionalData {
	const unsupported = async () => {
		throw new Error('Not available in the test harness');
	};
	return {
		credentialsHelper,
		executeWorkflow: unsupported,
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		currentNodeExecutionIndex: 0,
		restApiUrl: `${INSTANCE_URL}/rest`,
		instanceBaseUrl: `${INSTANCE_URL}/`,
		formBaseUrl: `${INSTANCE_URL}/form`,
		formWaitingBaseUrl: `${INSTANCE_URL}/form-waiting`,
		formTestBaseUrl: `${INSTANCE_URL}/form-test`,
		webhookBaseUrl: `${INSTANCE_URL}/webhook`,
		webhookWaitingBaseUrl: `${INSTANCE_URL}/webhook-waiting`,
		webhookTestBaseUrl: `${INSTANCE_URL}/webhook-test`,
		mcpBaseUrl: `${INSTANCE_URL}/mcp`,
		mcpTestBaseUrl: `${INSTANCE_URL}/mcp-test`,
		variables: {},
		logAiEvent: () => undefined,
		startRunnerTask: unsupported,
		...extra,
	} as IWorkflowExecuteAdditionalData;
}

/** A node's error as the run keeps it (what the editor shows). */
export interface RunError extends Error {
	description?: string | null;
	httpCode?: string | null;
	context: IDataObject;
}

export interface WorkflowRun {
	run: IRun;
	/** Output items of a node's first run, first output. */
	output(nodeName: string): INodeExecutionData[];
	/** The JSON of those items. */
	json(nodeName: string): IDataObject[];
	/** The error a node stopped with, if any. */
	error(nodeName: string): RunError | undefined;
}

export interface RunOptions {
	nodes: INode[];
	connections?: IConnections;
	/** The node the execution starts at, with `items` as its input. */
	startNode: string;
	items?: INodeExecutionData[];
	mode?: WorkflowExecuteMode;
	staticData?: IDataObject;
}

/**
 * Runs a workflow on n8n-core's WorkflowExecute, starting at `startNode` with `items` as its
 * input (as n8n's own node test harness does), and resolves with the finished run.
 */
export async function runWorkflow(
	nodeTypes: HarnessNodeTypes,
	credentialsHelper: HarnessCredentialsHelper,
	options: RunOptions,
): Promise<WorkflowRun> {
	const mode = options.mode ?? 'manual';
	const workflow = new Workflow({
		id: 'harness-workflow',
		name: 'Harness workflow',
		nodes: options.nodes,
		connections: options.connections ?? {},
		active: false,
		nodeTypes,
		staticData: options.staticData,
		settings: { executionOrder: 'v1' },
	});
	const start = workflow.getNode(options.startNode);
	if (!start) throw new Error(`No node "${options.startNode}" in the workflow`);

	const hooks = new ExecutionLifecycleHooks(mode, 'harness-execution', {
		id: workflow.id,
		name: workflow.name ?? 'Harness workflow',
		nodes: options.nodes,
		connections: options.connections ?? {},
		active: false,
		activeVersionId: null,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
	});
	let resolveFinished: (run: IRun) => void = () => undefined;
	const finished = new Promise<IRun>((resolve) => (resolveFinished = resolve));
	hooks.addHandler('workflowExecuteAfter', (run) => resolveFinished(run));

	const additionalData = buildAdditionalData(credentialsHelper, { hooks });
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: start, data: { main: [options.items ?? [{ json: {} }]] }, source: null }],
		},
	});

	await new WorkflowExecute(additionalData, mode, runExecutionData).processRunExecutionData(workflow);
	const run = await finished;

	const taskData = (nodeName: string) => run.data.resultData.runData[nodeName]?.[0];
	return {
		run,
		output: (nodeName) => taskData(nodeName)?.data?.main?.[0] ?? [],
		json: (nodeName) => (taskData(nodeName)?.data?.main?.[0] ?? []).map((item) => item.json),
		error: (nodeName) => taskData(nodeName)?.error as RunError | undefined,
	};
}

/** A workflow holding just `node`, as n8n builds one for hooks, webhooks and load-options calls. */
export function singleNodeWorkflow(nodeTypes: HarnessNodeTypes, node: INode, staticData?: IDataObject): Workflow {
	return new Workflow({
		id: 'harness-workflow',
		name: 'Harness workflow',
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes,
		staticData,
		settings: { executionOrder: 'v1' },
	});
}

/** n8n-core's context for a node's `methods` (list search, load options), as the editor calls them. */
export function loadOptionsContext(
	nodeTypes: HarnessNodeTypes,
	credentialsHelper: HarnessCredentialsHelper,
	node: INode,
	parameterPath: string,
): LoadOptionsContext {
	const workflow = singleNodeWorkflow(nodeTypes, node);
	return new LoadOptionsContext(workflow, node, buildAdditionalData(credentialsHelper), parameterPath);
}
