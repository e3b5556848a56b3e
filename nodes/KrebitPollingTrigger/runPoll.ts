import { NodeOperationError, type IDataObject, type INodeExecutionData, type IPollFunctions } from 'n8n-workflow';

import { CLIENT, invalidIdError, isValidId } from '../shared/records';
import { idOf, POLL_EVENTS, type PollEvent, type PollEventName } from './catalogue';
import { walkList, type ListWalk, type Newest } from './listWalk';
import { advanceCursor, isRecordCursor, startCursor, type RecordCursor } from './newRecords';
import { isStatusCursor, startStatusCursor, trackStatusChanges } from './statusChanges';

type PollResult = INodeExecutionData[][] | null;

/** What the user chose: the event and, for New Act, the client. */
export interface PollChoice {
	event: PollEvent;
	clientId?: string;
}

export function pollChoice(context: IPollFunctions): PollChoice {
	const value = context.getNodeParameter('event', 'newAct') as PollEventName;
	const event = Object.values(POLL_EVENTS).find((candidate) => candidate.value === value);
	if (!event) {
		throw new NodeOperationError(context.getNode(), 'Choose the Krebit event to watch for', {
			description: 'Pick one of the events in the Event list.',
		});
	}
	if (event.value !== 'newAct') return { event };
	// The picker's value, or the plain number a workflow saved before the picker holds.
	const clientId = String(context.getNodeParameter('clientId', '', { extractValue: true }) ?? '').trim();
	if (clientId && !isValidId(CLIENT, clientId)) {
		throw invalidIdError(context.getNode(), clientId, CLIENT, { hint: 'Leave Client empty to watch every client.' });
	}
	return { event, clientId: clientId || undefined };
}

/** The list walk for a choice, stopping at whatever `floor` says. */
function listWalk(context: IPollFunctions, choice: PollChoice, floor: ListWalk['floor'], lastPageHint?: number): ListWalk {
	const { event, clientId } = choice;
	return {
		lastPageHint,
		path: event.path,
		// Krebit's guide filters acts by client "in your application or query results": ask, and check.
		qs: clientId ? { client_id: clientId } : undefined,
		keep: clientId ? (act) => String(act.client_id) === clientId : undefined,
		action: `List ${event.plural} for "${event.name}"`,
		position: (record) => {
			const position = event.position(record);
			if (position === undefined) {
				throw new NodeOperationError(context.getNode(), `Krebit listed ${event.plural} without a readable "${event.positionField}"`, {
					description: `The trigger places ${event.plural} in time by "${event.positionField}" (record ${idOf(record) ?? '?'}). Nothing was emitted.`,
				});
			}
			return position;
		},
		floor,
	};
}

function items(context: IPollFunctions, records: IDataObject[]): PollResult {
	return records.length > 0 ? [context.helpers.returnJsonArray(records)] : null;
}

/** Manual mode ("Fetch Test Event"): the newest record of the event; static data untouched. */
export async function fetchTestEvent(context: IPollFunctions, choice: PollChoice): Promise<PollResult> {
	const { event, clientId } = choice;
	// Status changes have no newest-first order to stop by: the whole list is read.
	const readAll = event.value === 'signingStatusChanged';
	const walk = listWalk(context, choice, (newest) => (readAll ? undefined : newest.kept));
	const { records } = await walkList(context, walk);
	if (records.length === 0) {
		const whose = clientId ? ` for client ${clientId}` : '';
		throw new NodeOperationError(context.getNode(), `No ${event.plural}${whose} in Krebit yet; create one and try again`, {
			description: 'Fetch Test Event shows the newest record of the chosen event. The active workflow waits for new ones.',
		});
	}
	const newest = records.reduce((a, b) => (walk.position(b) >= walk.position(a) ? b : a));
	const extra = readAll ? { previous_status: null } : {};
	return items(context, [{ ...newest, event: event.outputEvent, ...extra }]);
}

/**
 * One poll of an active workflow. Reads first, writes the cursor only after everything was
 * read, and only if no overlapping poll of the same node wrote it meanwhile: a poll that fails
 * (or loses that race) leaves the cursor where it was and the next poll catches up.
 */
export async function pollForEvents(context: IPollFunctions, choice: PollChoice): Promise<PollResult> {
	const staticData = context.getWorkflowStaticData('node');
	const stored = staticData.cursor;
	const { event } = choice;
	const commit = (next: object) => {
		if (staticData.cursor !== stored) return false;
		if (JSON.stringify(next) !== JSON.stringify(stored)) staticData.cursor = next as IDataObject;
		return true;
	};

	if (event.value === 'signingStatusChanged') {
		const walk = listWalk(context, choice, () => undefined);
		const { records } = await walkList(context, walk);
		if (!isStatusCursor(stored)) {
			commit(startStatusCursor(records, walk.position));
			return null;
		}
		const { changes, next } = trackStatusChanges(stored, records, walk.position);
		if (!commit(next)) return null;
		return items(
			context,
			changes.map(({ signing, previousStatus }) => ({ ...signing, event: event.outputEvent, previous_status: previousStatus })),
		);
	}

	const scope = choice.clientId ? `${event.value}:client:${choice.clientId}` : event.value;
	const cursor = isRecordCursor(stored, scope) ? stored : undefined;
	// The newest position the cursor may stand on: never past the time of this poll.
	const pollTime = event.inTime ? Date.now() : Infinity;
	const newestSeen = (newest: Newest) => (newest.all === undefined ? undefined : Math.min(newest.all, pollTime));
	const walk = listWalk(context, choice, (newest) => {
		if (cursor) return cursor.floor ?? undefined;
		// First poll: "now" is the newest record; read just far enough to mark what is there.
		const now = newestSeen(newest);
		return now === undefined ? undefined : now - event.lookback;
	}, cursor?.lastPage);
	const { records, newest, floor, lastPage } = await walkList(context, walk);
	// Where an oldest-first list without a trusted page count ended: the next walk starts there.
	const withHint = (next: RecordCursor): RecordCursor => (lastPage === undefined ? next : { ...next, lastPage });
	if (!cursor) {
		commit(withHint(startCursor(scope, records, floor, walk.position)));
		return null;
	}
	const { fresh, next } = advanceCursor(cursor, records, newestSeen(newest), event.lookback, walk.position);
	if (!commit(withHint(next))) return null;
	return items(
		context,
		fresh.map((record) => ({ ...record, event: event.outputEvent })),
	);
}
