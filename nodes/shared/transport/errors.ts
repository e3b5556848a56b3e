import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';

import { headerValue, isJsonObject } from '../values';

/** What a failed Krebit response looked like, taken off whatever error n8n's HTTP helper threw. */
export interface FailedResponse {
	status: number;
	body: unknown;
	headers: Record<string, unknown>;
}

/**
 * n8n 2.x wraps the HTTP client's error (status, body, headers under `response`) in a
 * NodeApiError whose `cause` is the original; some versions throw the original itself. n8n 1.x
 * keeps only the status (`httpCode`) and the body (`context.data`): its headers, and so the
 * request ID and Retry-After, are lost there.
 */
export function failedResponseOf(error: unknown): FailedResponse | undefined {
	for (let candidate: unknown = error, depth = 0; isJsonObject(candidate) && depth < 4; depth++) {
		const response = candidate.response;
		if (isJsonObject(response) && typeof response.status === 'number') {
			return {
				status: response.status,
				body: response.data,
				headers: isJsonObject(response.headers) ? response.headers : {},
			};
		}
		candidate = candidate.cause;
	}
	if (isJsonObject(error) && /^[1-5]\d\d$/.test(String(error.httpCode))) {
		const context = isJsonObject(error.context) ? error.context : {};
		return { status: Number(error.httpCode), body: context.data, headers: {} };
	}
	return undefined;
}

/** Krebit's `message` and the field messages under `errors`, as one readable text. */
function krebitMessages(body: unknown): { message?: string; fields: string[] } {
	let parsed = body;
	if (typeof body === 'string') {
		try {
			parsed = JSON.parse(body);
		} catch {
			// A short plain-text answer is Krebit's message; an HTML error page (a proxy's) is not.
			const text = body.trim();
			return { message: text && text.length <= 300 && !text.startsWith('<') ? text : undefined, fields: [] };
		}
	}
	if (!isJsonObject(parsed)) return { fields: [] };
	const message = [parsed.message, parsed.error_description, parsed.error].find(
		(value): value is string => typeof value === 'string' && value.length > 0,
	);
	const fields: string[] = [];
	if (isJsonObject(parsed.errors)) {
		for (const [field, messages] of Object.entries(parsed.errors)) {
			const list = Array.isArray(messages) ? messages : [messages];
			fields.push(`${field}: ${list.map(String).join(', ')}`);
		}
	}
	return { message, fields };
}

const NOT_FOUND_FIX = 'Check the ID, and that it belongs to this organization.';

const FIX_HINTS: Record<number, string> = {
	400: 'Krebit refused the request. Check the fields named above.',
	401: 'Krebit did not accept the credential. Open the Krebit credential and reconnect it (Authorization Code) or check the client ID and secret (Client Credentials).',
	403: 'The Krebit user or app behind this credential lacks a role for this. Ask a Krebit administrator to grant it.',
	404: `Krebit has no such record. ${NOT_FOUND_FIX}`,
	409: 'The record is in a state that does not allow this change.',
	422: 'Krebit refused the request. Check the fields named above.',
	429: 'Krebit is rate limiting this credential. Wait a little, or lower how often the workflow runs.',
	503: 'Krebit is temporarily unavailable. Try again in a few minutes.',
};

/** `text` ending in one full stop (Krebit's own messages often end in one already). */
function sentence(text: string): string {
	return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** Said when a request that creates something failed in a way that leaves open whether it did. */
export const MAYBE_MADE_HINT =
	'It may or may not have been made: Krebit could have carried it out before failing, so it was not sent again. Look it up in Krebit (for example with the matching Get Many operation) before trying again, or you may end up with two.';

export interface ErrorContext {
	itemIndex: number;
	/** What was being done, e.g. "Get client 42". */
	action: string;
	/** What a 404 means here, e.g. "No client with ID 42". */
	notFound?: string;
	/** The HTTP method, when it matters for the error (a POST that may have been carried out). */
	method?: string;
}

/** What Krebit said about a failed request, kept on the error for whoever handles it later. */
export interface KrebitErrorDetails {
	status: number;
	message: string | null;
	fields: string[];
	requestId: string | null;
}

function isDetails(value: unknown): value is KrebitErrorDetails {
	return isJsonObject(value) && typeof value.status === 'number' && Array.isArray(value.fields);
}

/** The details of a Krebit error built by `krebitApiError`, if `error` is one. */
function krebitDetailsOf(error: unknown): KrebitErrorDetails | undefined {
	if (!(error instanceof NodeApiError)) return undefined;
	return isDetails(error.errorResponse) ? error.errorResponse : undefined;
}

/**
 * One line with everything Krebit said about `error` (its message, field errors and request
 * ID): for places where n8n shows only an error's message, such as a failed activation.
 */
export function krebitFailureLine(error: unknown): string {
	const text = error instanceof Error ? error.message : String(error);
	const details = krebitDetailsOf(error);
	if (!details) return text;
	return [
		text,
		details.fields.length ? sentence(`Field errors: ${details.fields.join('; ')}`) : undefined,
		details.requestId ? `Krebit request ID: ${details.requestId}.` : undefined,
	]
		.filter(Boolean)
		.join(' ');
}

/**
 * A NodeApiError built from scratch from the response's status, Krebit's messages and the
 * `request_id` header: never from the HTTP client's error, which carries the request's
 * Authorization header. The message leads with what Krebit said.
 */
export function krebitApiError(node: INode, failed: FailedResponse, context: ErrorContext, attempts = 1): NodeApiError {
	const { status } = failed;
	const { message, fields } = krebitMessages(failed.body);
	const requestId = headerValue(failed.headers, 'request_id') ?? headerValue(failed.headers, 'x-request-id');
	const tries = attempts > 1 ? ` after ${attempts} attempts` : '';

	let summary: string;
	if (message) summary = `${message} (Krebit answered ${status} to ${context.action}${tries})`;
	else if (status === 404 && context.notFound) summary = `${context.notFound} (Krebit answered 404)`;
	else summary = `${context.action} failed: Krebit answered ${status}${tries}`;

	const maybeMade = context.method === 'POST' && status >= 500 && status !== 501;
	let hint = FIX_HINTS[status] ?? (status >= 500 ? 'Krebit had an internal problem. Try again later.' : undefined);
	if (status === 404 && context.notFound) {
		hint = message ? `${sentence(context.notFound)} ${NOT_FOUND_FIX}` : NOT_FOUND_FIX;
	}
	const description = [
		fields.length ? sentence(`Field errors: ${fields.join('; ')}`) : undefined,
		hint,
		maybeMade ? MAYBE_MADE_HINT : undefined,
		requestId ? `Krebit request ID: ${requestId} (give it to Krebit support).` : undefined,
	]
		.filter(Boolean)
		.join(' ');

	const details: KrebitErrorDetails = { status, message: message ?? null, fields, requestId: requestId ?? null };
	return new NodeApiError(node, details as unknown as JsonObject, {
		message: summary,
		description,
		httpCode: String(status),
		itemIndex: context.itemIndex,
	});
}

/** Errors that never reached Krebit's API: no connection, credential not connected, refresh refused. */
export function requestFailedError(node: INode, error: unknown, context: ErrorContext): Error {
	const text = error instanceof Error ? error.message : String(error);
	const { itemIndex } = context;
	if (/needs to be reconnected/i.test(text)) {
		// n8n's own message after Krebit refused the refresh token (invalid_grant).
		return new NodeOperationError(node, text, {
			description: 'Krebit refused to renew access: the refresh token expired or was already used. Open the Krebit credential and reconnect it.',
			itemIndex,
		});
	}
	if (/without access token|not connected/i.test(text)) {
		return new NodeOperationError(node, 'The Krebit credential is not connected yet', {
			description: 'Open the Krebit credential and click "Connect my account", then run the node again.',
			itemIndex,
		});
	}
	if (/ENOTFOUND|EAI_AGAIN/.test(text)) {
		return new NodeOperationError(node, `${context.action} failed: the Krebit organization could not be reached`, {
			description: 'Check the Organization in the Krebit credential.',
			itemIndex,
		});
	}
	// The connection broke after the request left: a POST may have been carried out.
	const maybeMade = context.method === 'POST' && /ECONNRESET|ETIMEDOUT|ECONNABORTED|socket hang up|timeout/i.test(text);
	return new NodeOperationError(node, `${context.action} failed: ${text.replace(/Bearer\s+\S+/gi, 'Bearer ***')}`, {
		description: maybeMade ? MAYBE_MADE_HINT : undefined,
		itemIndex,
	});
}
