import { CREDENTIAL_TYPE } from '../shared/transport/request';
import { storedSubscriptions, type StoredSubscription, type TriggerContext } from './state';

/**
 * What one n8n process knows of each trigger node beyond its static data. n8n hands the
 * activation and each webhook request a copy of the static data of its own, and saves each
 * copy back when it changed, so within a process two steps on one node could each make a set
 * of subscriptions and each save its own secrets. Here a node's subscription work (activation,
 * deactivation, repair) runs one step at a time, and the set the last step made or kept is
 * remembered with its secrets, so a later step holding a copy without them adopts that set
 * instead of making another. Memory only: other processes (queue mode) agree through
 * Krebit's list (repair-rule.ts). Bounded to MAX_NODES nodes; no timers.
 */

/** Nodes remembered at most; the least recently used goes first. */
const MAX_NODES = 1000;

const running = new Map<string, Promise<unknown>>();
const knownSets = new Map<string, StoredSubscription[]>();

/** One key per trigger node of one workflow. */
export function nodeKeyOf(context: TriggerContext): string {
	return `${String(context.getWorkflow().id ?? '')}:${context.getNode().id}`;
}

/** A remembered set is the node's with the credential it was made with only. */
function setKeyOf(key: string, context: TriggerContext): string {
	return `${key}:${context.getNode().credentials?.[CREDENTIAL_TYPE]?.id ?? ''}`;
}

/** Runs `work` after every earlier step on the same node in this process has ended. */
export async function oneAtATime<T>(key: string, work: () => Promise<T>): Promise<T> {
	const before = running.get(key) ?? Promise.resolve();
	const mine = before.catch(() => undefined).then(work);
	const settled = mine.catch(() => undefined);
	running.set(key, settled);
	try {
		return await mine;
	} finally {
		if (running.get(key) === settled) running.delete(key);
	}
}

/** Remembers the set a step made or kept for the node (with secrets); an empty set forgets it. */
export function remember(context: TriggerContext, subscriptions: StoredSubscription[]): void {
	const key = setKeyOf(nodeKeyOf(context), context);
	knownSets.delete(key);
	if (subscriptions.length === 0) return;
	knownSets.set(key, subscriptions.map((s) => ({ ...s })));
	for (const oldest of knownSets.keys()) {
		if (knownSets.size <= MAX_NODES) break;
		knownSets.delete(oldest);
	}
}

/** The set this process last made or kept for the node; empty when it knows none. */
export function remembered(context: TriggerContext): StoredSubscription[] {
	return (knownSets.get(setKeyOf(nodeKeyOf(context), context)) ?? []).map((s) => ({ ...s }));
}

/** For tests: what a process started anew knows (nothing). */
export function forgetRememberedSets(): void {
	knownSets.clear();
}

/** `stored`, and beside it each remembered subscription it does not hold (by id). */
export function withRemembered(stored: StoredSubscription[], context: TriggerContext): StoredSubscription[] {
	const ids = new Set(stored.map((s) => s.id));
	return [...stored, ...remembered(context).filter((s) => !ids.has(s.id))];
}

/**
 * An activation or deactivation step of the node: after the node's other steps in this
 * process, and its resulting subscriptions remembered (production only: a test-mode step
 * leaves what the workflow's production side holds as it was).
 */
export async function subscriptionStep<T>(context: TriggerContext, work: () => Promise<T>): Promise<T> {
	const key = nodeKeyOf(context);
	return await oneAtATime(key, async () => {
		try {
			return await work();
		} finally {
			if (context.getMode() !== 'manual') remember(context, storedSubscriptions(context));
		}
	});
}
