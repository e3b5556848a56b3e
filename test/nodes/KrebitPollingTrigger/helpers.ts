import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { KrebitPollingTrigger } from '../../../nodes/KrebitPollingTrigger/KrebitPollingTrigger.node';
import { KrebitHarness } from '../../harness/krebit-harness';
import { PollerUnderTest } from '../../harness/poll';

export const POLLING_TRIGGER = 'n8n-nodes-krebit.krebitPollingTrigger';

/** A Krebit Polling Trigger in an active workflow, polling every minute. */
export function poller(
	parameters: INodeParameters,
	options: { keepRunning?: boolean; savesPollsThatEmitNothing?: boolean; harness?: KrebitHarness } = {},
) {
	const harness = options.harness ?? new KrebitHarness();
	harness.registerNode(POLLING_TRIGGER, new KrebitPollingTrigger());
	const node = harness.node(
		POLLING_TRIGGER,
		{ pollTimes: { item: [{ mode: 'everyMinute' }] }, ...parameters },
		'Krebit Polling Trigger',
	);
	return new PollerUnderTest(harness.nodeTypes, harness.credentials, node, options);
}

/** The keys of records, in order: `uuid` for acts, `id` for the rest. */
export function keysOf(records: IDataObject[] | undefined): unknown[] {
	return (records ?? []).map((record) => record.uuid ?? record.id);
}
