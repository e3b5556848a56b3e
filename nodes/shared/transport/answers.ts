import { NodeApiError, type IDataObject, type INode, type JsonObject } from 'n8n-workflow';

import { MAYBE_MADE_HINT, type ErrorContext, type KrebitErrorDetails } from './errors';
import { headerValue, isJsonObject } from '../values';

/** How much of an unexpected answer an error quotes. */
export const PREVIEW_CHARACTERS = 80;

/** Anything in a quoted answer that could be a credential, masked. */
const SECRET_PATTERNS: Array<[RegExp, string]> = [
	[/\b(Bearer|Basic)\s+[^\s"'<>,;]+/gi, '$1 ***'],
	[/\b((?:access|refresh|id)_token|client_secret|secret|password|code)(["']?\s*[:=]\s*["']?)[^\s"'&<>,;]+/gi, '$1$2***'],
];

/**
 * The first characters of an answer, safe to show: control characters and runs of white space
 * become one space, anything that looks like a token or secret is masked, and it is cut at
 * `PREVIEW_CHARACTERS` (after masking, so a cut never reveals half a secret).
 */
export function answerPreview(text: string): string {
	let safe = text.replace(/[\p{Cc}\s]+/gu, ' ').trim();
	for (const [pattern, replacement] of SECRET_PATTERNS) safe = safe.replace(pattern, replacement);
	return safe.length > PREVIEW_CHARACTERS ? `${safe.slice(0, PREVIEW_CHARACTERS)}…` : safe;
}

/** A JSON object as Krebit sends a record, or undefined; a string holding one is parsed. */
export function recordBody(body: unknown): IDataObject | undefined {
	if (isJsonObject(body)) return body;
	if (typeof body !== 'string') return undefined;
	try {
		const parsed: unknown = JSON.parse(body);
		return isJsonObject(parsed) ? parsed : undefined;
	} catch {
		return undefined;
	}
}

/** What came back instead of a record, in words: "an empty answer", "a JSON list of 3 entries", … */
export function describeAnswer(body: unknown): string {
	if (body === undefined || body === null || body === '') return 'an empty answer';
	if (Buffer.isBuffer(body)) return body.length === 0 ? 'an empty answer' : `"${answerPreview(body.toString('utf8'))}"`;
	if (Array.isArray(body)) return `a JSON list of ${body.length} ${body.length === 1 ? 'entry' : 'entries'}`;
	if (typeof body === 'string') return body.trim() === '' ? 'an empty answer' : `"${answerPreview(body)}"`;
	return `the JSON value ${answerPreview(JSON.stringify(body) ?? String(body))}`;
}

/**
 * A 2xx answer where a record was due that is not one (a login or maintenance page, plain
 * text, nothing, a list). Says what came back and what to check.
 */
export function notARecordError(
	node: INode,
	answer: { status: number; body: unknown; headers: Record<string, unknown> },
	context: ErrorContext,
): NodeApiError {
	const contentType = answerPreview(headerValue(answer.headers, 'content-type')?.split(';')[0] ?? 'no content type');
	const requestId = headerValue(answer.headers, 'request_id') ?? headerValue(answer.headers, 'x-request-id');
	const message = `${context.action} failed: Krebit answered ${answer.status} (${contentType}) with ${describeAnswer(answer.body)}, not a record`;
	const description = [
		'A login, maintenance or error page comes back this way.',
		'Check the Organization in the Krebit credential (your tenant, as in https://yourco.krebit.se) and whether Krebit is up; if both are fine, tell Krebit support.',
		context.method === 'POST' ? MAYBE_MADE_HINT : undefined,
		requestId ? `Krebit request ID: ${requestId} (give it to Krebit support).` : undefined,
	]
		.filter(Boolean)
		.join(' ');
	const details: KrebitErrorDetails = { status: answer.status, message, fields: [], requestId: requestId ?? null };
	return new NodeApiError(node, details as unknown as JsonObject, {
		message,
		description,
		httpCode: String(answer.status),
		itemIndex: context.itemIndex,
	});
}
