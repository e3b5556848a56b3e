import { NodeApiError, NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import { krebitRequest, unwrapRecord } from '../../../shared/transport/request';

/** What Krebit said about a failed request, as `krebitApiError` keeps it on the error. */
interface KrebitDetails {
	status: number;
	message: string | null;
	fields: string[];
}

function detailsOf(error: unknown): KrebitDetails | undefined {
	if (!(error instanceof NodeApiError)) return undefined;
	const details = error.errorResponse as unknown as Partial<KrebitDetails> | undefined;
	return typeof details?.status === 'number' && Array.isArray(details.fields) ? (details as KrebitDetails) : undefined;
}

/** Whether Krebit refused because the signing is no longer a draft (400 `cannot_be_edited`). */
export function isCannotBeEdited(error: unknown): boolean {
	const details = detailsOf(error);
	if (!details || (details.status !== 400 && details.status !== 422)) return false;
	return [details.message ?? '', ...details.fields].some((text) => /cannot[_ ]be[_ ]edited/i.test(text));
}

/**
 * The error as n8n shows it: a Krebit error (NodeApiError, NodeOperationError) as it is, with
 * `hint` put before its description; anything else wrapped in a NodeOperationError.
 */
export function nodeError(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
	hint?: string,
): NodeApiError | NodeOperationError {
	const known = error instanceof NodeApiError || error instanceof NodeOperationError ? error : undefined;
	const result = known ?? new NodeOperationError(context.getNode(), error as Error, { itemIndex });
	if (hint) result.description = [hint, result.description].filter(Boolean).join(' ');
	return result;
}

export function statusOf(error: unknown): number | undefined {
	return detailsOf(error)?.status;
}

/** What a user can do with a signing in `status` when Krebit will not change it. */
export function nextStepFor(status: string): string {
	switch (status) {
		case 'sent':
		case 'live':
		case 'pending':
			return 'It has been sent, so Krebit no longer lets it change. To change it, cancel it (Signing > Cancel) and create a new draft; to nudge the recipients, use Signing > Send Reminder.';
		case 'completed':
		case 'signed':
			return 'Everyone has signed it. Download the sealed copy with Signing > Download Document.';
		case 'cancelled':
		case 'canceled':
			return 'It was cancelled. Create a new draft (Signing > Create Draft) to send the documents again.';
		default:
			return 'Only drafts can be changed. Create a new draft (Signing > Create Draft) for the change.';
	}
}

/** The signing's status, or undefined when it cannot be read (the refusal is still reported). */
async function currentStatus(context: IExecuteFunctions, signingId: string, itemIndex: number): Promise<string | undefined> {
	try {
		const signing = unwrapRecord(
			await krebitRequest(context, { method: 'GET', path: `/signings/${signingId}`, itemIndex, action: `Get signing ${signingId}` }),
		);
		return typeof signing.status === 'string' ? signing.status : undefined;
	} catch {
		return undefined;
	}
}

/**
 * Runs `change` (a request that changes signing `signingId`); when Krebit refuses it because
 * the signing is not a draft, looks the signing up once and says what state it is in and what
 * to do. Other errors pass through unchanged.
 */
export async function changeSigning<T>(
	context: IExecuteFunctions,
	signingId: string,
	itemIndex: number,
	what: string,
	change: () => Promise<T>,
): Promise<T> {
	try {
		return await change();
	} catch (error) {
		if (!isCannotBeEdited(error)) throw nodeError(context, error, itemIndex);
		const status = await currentStatus(context, signingId, itemIndex);
		const state = status ? `is ${status}` : 'is no longer a draft';
		throw new NodeOperationError(context.getNode(), `Cannot ${what}: signing ${signingId} ${state}`, {
			description: `Krebit answered 400 cannot_be_edited. ${nextStepFor(status ?? '')}`,
			itemIndex,
		});
	}
}
