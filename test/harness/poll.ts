import { PollContext, PollTriggerExecutor, TriggersAndPollers } from 'n8n-core';
import type { IDataObject, INode, INodeExecutionData, Workflow, WorkflowActivateMode } from 'n8n-workflow';

import type { HarnessCredentialsHelper } from './credentials-helper';
import { buildAdditionalData, runWorkflow, singleNodeWorkflow, type HarnessNodeTypes, type WorkflowRun } from './engine';

/** What one poll did, as n8n would see it. */
export interface PollOutcome {
	/** The items the poll started a run with; undefined when it started none. */
	items?: IDataObject[];
	/** The error n8n recorded for the poll (a failed trigger execution). */
	error?: Error & { description?: string | null };
}

/** n8n's logging and tracing around a poll; this harness records outcomes instead. */
const quietLogger = {
	scoped: () => quietLogger,
	debug: () => undefined,
	info: () => undefined,
	warn: () => undefined,
	error: () => undefined,
};
const passThroughTracing = {
	pickWorkflowAttributes: () => ({}),
	pickNodeAttributes: () => ({}),
	startSpan: async (_options: unknown, run: (span: unknown) => Promise<unknown>) => await run({ setStatus: () => undefined }),
	startNewTraceSpan: async (_options: unknown, run: (span: unknown) => Promise<unknown>) =>
		await run({ setStatus: () => undefined }),
};
const quietErrorReporter = { error: () => undefined, warn: () => undefined };

interface RunningProcess {
	workflow: Workflow;
	executePoll: (testingTrigger?: boolean) => Promise<void>;
	/** Every run started and every error recorded, in order. */
	log: PollOutcome[];
}

/**
 * One polling trigger in one active workflow, driven by n8n-core's own PollTriggerExecutor and
 * PollContext: `activate()` is the poll n8n runs when the workflow is activated (an error fails
 * the activation), `poll()` one at a poll time (an error becomes a failed execution).
 *
 * Static data is kept as n8n keeps it: saved to `saved` (JSON, as in n8n's database) when a poll
 * emits (before its run starts), when a poll that emits nothing commits, and after activation,
 * each time only if it changed (`savesPollsThatEmitNothing: false` skips the second, to show
 * what happens in an n8n that does not save there). By default every poll runs in a fresh "process" built from
 * `saved` (a restart between polls), so only what n8n would have saved survives; with
 * `keepRunning` the same in-memory workflow serves every poll until `restart()`.
 */
export class PollerUnderTest {
	/** The workflow's static data as n8n last saved it. */
	saved = '{}';

	private process: RunningProcess | undefined;

	constructor(
		private readonly nodeTypes: HarnessNodeTypes,
		private readonly credentials: HarnessCredentialsHelper,
		readonly node: INode,
		private readonly options: {
			keepRunning?: boolean;
			/** false: a poll that starts no run is not saved (if an n8n version skips that save). */
			savesPollsThatEmitNothing?: boolean;
		} = {},
	) {}

	private save(workflow: Workflow) {
		const staticData = workflow.staticData as IDataObject & { __dataChanged?: boolean };
		if (staticData.__dataChanged !== true) return;
		this.saved = JSON.stringify(staticData);
		staticData.__dataChanged = false;
	}

	private start(activation: WorkflowActivateMode): RunningProcess {
		const workflow = singleNodeWorkflow(this.nodeTypes, this.node, JSON.parse(this.saved) as IDataObject);
		const process: RunningProcess = { workflow, executePoll: async () => undefined, log: [] };
		const context = new PollContext(
			workflow,
			this.node,
			buildAdditionalData(this.credentials),
			'trigger',
			activation,
			(data: INodeExecutionData[][]) => {
				this.save(workflow);
				process.log.push({ items: data[0].map((item) => item.json) });
			},
			(error: Error) => {
				process.log.push({ error });
			},
			async () => {
				if (this.options.savesPollsThatEmitNothing !== false) this.save(workflow);
			},
		);
		const executor = new PollTriggerExecutor(
			quietLogger as never,
			new TriggersAndPollers(),
			passThroughTracing as never,
			quietErrorReporter as never,
		);
		process.executePoll = executor.create(workflow, this.node, context, () => true);
		return process;
	}

	/** Runs `count` polls of one process at once; what they did, in order. */
	private async run(process: RunningProcess, count: number, testingTrigger: boolean): Promise<PollOutcome[]> {
		const from = process.log.length;
		await Promise.all(Array.from({ length: count }, async () => await process.executePoll(testingTrigger)));
		return process.log.slice(from);
	}

	private current(): RunningProcess {
		if (!this.process || !this.options.keepRunning) this.process = this.start('init');
		return this.process;
	}

	/** The activation poll (n8n runs it at once, as a test of the trigger); throws what fails activation. */
	async activate(activation: WorkflowActivateMode = 'activate'): Promise<PollOutcome> {
		this.process = this.start(activation);
		const [outcome = {}] = await this.run(this.process, 1, true);
		this.save(this.process.workflow);
		return outcome;
	}

	/** One poll at a poll time. */
	async poll(): Promise<PollOutcome> {
		const [outcome = {}] = await this.run(this.current(), 1, false);
		return outcome;
	}

	/** Two polls of one process at once (a slow poll still running at the next poll time). */
	async overlappingPolls(): Promise<PollOutcome[]> {
		return await this.run(this.current(), 2, false);
	}

	/** n8n restarts: the next poll starts from what was saved. */
	restart() {
		this.process = undefined;
	}

	/** "Fetch Test Event" in the editor: a manual execution of the workflow, on a copy of the saved static data. */
	async fetchTestEvent(): Promise<WorkflowRun & { staticDataAfter: string }> {
		const staticData = JSON.parse(this.saved) as IDataObject;
		const run = await runWorkflow(this.nodeTypes, this.credentials, {
			nodes: [this.node],
			startNode: this.node.name,
			mode: 'manual',
			staticData,
		});
		return { ...run, staticDataAfter: JSON.stringify(staticData) };
	}

	/** The node's own static data as saved (what `getWorkflowStaticData('node')` held). */
	nodeStaticData(): IDataObject {
		return ((JSON.parse(this.saved) as IDataObject)[`node:${this.node.name}`] as IDataObject) ?? {};
	}
}
