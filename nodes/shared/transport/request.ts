import {
	NodeOperationError,
	sleep,
	type IDataObject,
	type IExecuteFunctions,
	type IHookFunctions,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type IPollFunctions,
	type IWebhookFunctions,
} from 'n8n-workflow';

import { tenantLabel, tenantOrigin } from '../tenant';
import { notARecordError, recordBody } from './answers';
import { failedResponseOf, krebitApiError, requestFailedError, type ErrorContext, type FailedResponse } from './errors';
import { headerValue, isJsonObject } from '../values';
import { throughTenantGate } from './rateLimit';
import { isRedirectStatus, MAX_TENANT_REDIRECTS, redirectedElsewhereError, redirectStep, unfollowedRedirectError } from './redirects';

export const CREDENTIAL_TYPE = 'krebitOAuth2Api';
export const API_PREFIX = '/api/1.0';

/** Every n8n context our nodes call Krebit from. */
export type KrebitContext = IExecuteFunctions | IHookFunctions | IWebhookFunctions | ILoadOptionsFunctions | IPollFunctions;

export interface KrebitRequest extends ErrorContext {
	method: IHttpRequestMethods;
	/** Relative to /api/1.0, e.g. `/clients/42`. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject | Buffer;
	headers?: IDataObject;
	/**
	 * Waits before a retry (default: n8n's `sleep`). Parallel page reads pass their pool's, so
	 * a 429 pauses the whole pool; the retry policy itself stays the one below.
	 */
	waitBeforeRetry?: (delayMs: number, status: number) => Promise<void>;
	/**
	 * `record`: the answer must be one JSON object (`{data: {...}}` or the bare record); HTML,
	 * text, an empty answer or a list is an error that says what came back.
	 */
	expect?: 'record';
	/** `arraybuffer` asks for the body as bytes (a sealed PDF), not as JSON. */
	encoding?: 'arraybuffer';
}

/** A file Krebit answered with: its bytes and the response headers (type, disposition). */
export interface KrebitFile {
	data: Buffer;
	headers: Record<string, unknown>;
}

/** Retry policy for 429 (every method) and 502/503/504 (methods that may safely be repeated). */
export const RETRY = {
	attempts: 4,
	baseDelayMs: 500,
	maxDelayMs: 30_000,
};

const GATEWAY_STATUSES = new Set([502, 503, 504]);

/** Methods that change nothing more when repeated: a retry after a 5xx cannot make a second record. */
const REPEATABLE_METHODS = new Set<string>(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/**
 * Whether a failed attempt may be sent again. 429 means Krebit did not carry the request out, so
 * any method is retried. After 502/503/504 a POST may have been carried out (a second try could
 * make a second draft or subscription), so only repeatable methods are retried.
 */
export function isRetryable(method: IHttpRequestMethods, status: number): boolean {
	if (status === 429) return true;
	return GATEWAY_STATUSES.has(status) && REPEATABLE_METHODS.has(method.toUpperCase());
}

const originCache = new WeakMap<object, string>();

/** `https://<tenant>.krebit.se` from the credential, or a clear error before anything is sent. */
export async function krebitOrigin(context: KrebitContext, itemIndex = 0): Promise<string> {
	const cached = originCache.get(context);
	if (cached) return cached;
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	const label = tenantLabel(credentials.organization);
	if (!label) {
		const typed = JSON.stringify(String(credentials.organization ?? '').slice(0, 80));
		throw new NodeOperationError(context.getNode(), `The Organization ${typed} in the Krebit credential is not a Krebit tenant`, {
			description:
				'Open the Krebit credential and type your tenant as "yourco", "yourco.krebit.se" or "https://yourco.krebit.se/".',
			itemIndex,
		});
	}
	const origin = tenantOrigin(label);
	originCache.set(context, origin);
	return origin;
}

/** How long to wait before retrying: Retry-After (seconds or HTTP date), else back-off. */
export function retryDelayMs(headers: Record<string, unknown>, attempt: number, now = Date.now()): number {
	const retryAfter = headerValue(headers, 'retry-after')?.trim();
	let delay = RETRY.baseDelayMs * 2 ** (attempt - 1);
	if (retryAfter && /^\d+(\.\d+)?$/.test(retryAfter)) {
		delay = Number(retryAfter) * 1000;
	} else if (retryAfter) {
		const date = Date.parse(retryAfter);
		if (!Number.isNaN(date)) delay = Math.max(0, date - now);
	}
	return Math.min(delay, RETRY.maxDelayMs);
}

/**
 * The one way our nodes call Krebit: tenant base URL, JSON, n8n's OAuth2 handling (token,
 * refresh, retry after refresh), bounded retries (see `isRetryable`), redirects followed only
 * within the tenant (see `sendWithinTenant`), and errors that say what happened without any
 * secret in them.
 */
export async function krebitRequest<T = unknown>(context: KrebitContext, request: KrebitRequest): Promise<T> {
	return answerBody(context, await krebitExchange(context, request), request) as T;
}

/** Like `krebitRequest`, for an answer that is a file: the bytes and the headers. */
export async function krebitDownload(context: KrebitContext, request: KrebitRequest): Promise<KrebitFile> {
	const answer = await krebitExchange(context, { ...request, encoding: 'arraybuffer' });
	return { data: bodyBytes(answer.body), headers: answer.headers };
}

function bodyBytes(body: unknown): Buffer {
	if (Buffer.isBuffer(body)) return body;
	if (body instanceof ArrayBuffer) return Buffer.from(body);
	if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
	if (typeof body === 'string') return Buffer.from(body, 'binary');
	return Buffer.alloc(0);
}

/** Sends `request` with the retries and redirect rules above; resolves with the 2xx answer. */
async function krebitExchange(context: KrebitContext, request: KrebitRequest): Promise<KrebitAnswer> {
	const origin = await krebitOrigin(context, request.itemIndex);
	const isBuffer = Buffer.isBuffer(request.body);
	const binary = request.encoding === 'arraybuffer';
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${origin}${API_PREFIX}${request.path}`,
		qs: request.qs,
		body: request.body,
		headers: {
			Accept: binary ? 'application/pdf, application/octet-stream, application/json' : 'application/json',
			...(request.body && !isBuffer ? { 'Content-Type': 'application/json' } : {}),
			...request.headers,
		},
		...(binary ? { encoding: 'arraybuffer' as const, json: false } : { json: true }),
		// n8n would follow a redirect to any host with the Bearer token (and a 307 with the body).
		disableFollowRedirect: true,
	};

	for (let attempt = 1; ; attempt++) {
		const sent = await throughTenantGate(origin, attempt > 1, async () => await sendWithinTenant(context, options, origin, request), (tried) =>
			tried.kind === 'answered' && tried.answer.status === 429 ? retryDelayMs(tried.answer.headers, attempt) : undefined,
		);
		if (sent.kind === 'refused') throw sent.error;
		if (sent.kind === 'unanswered') throw requestFailedError(context.getNode(), sent.error, request);
		const { answer } = sent;
		if (answer.status >= 200 && answer.status < 300) return answer;
		// A file request's error answer arrives as bytes too: read it as Krebit's JSON message.
		if (binary && answer.body !== undefined && typeof answer.body !== 'string') answer.body = bodyBytes(answer.body).toString('utf8');
		if (isRetryable(request.method, answer.status) && attempt < RETRY.attempts) {
			const delayMs = retryDelayMs(answer.headers, attempt);
			await (request.waitBeforeRetry ? request.waitBeforeRetry(delayMs, answer.status) : sleep(delayMs));
			continue;
		}
		throw krebitApiError(context.getNode(), answer, request, attempt);
	}
}

/** A 2xx answer's body; where a record is due, only a JSON object (else a clear error). */
function answerBody(context: KrebitContext, answer: KrebitAnswer, request: KrebitRequest): unknown {
	if (request.expect !== 'record') return answer.body;
	const record = recordBody(answer.body);
	if (!record) throw notARecordError(context.getNode(), answer, request);
	return record;
}

/** Krebit's answer, whatever its status (the shape errors.ts reads a failed one in). */
type KrebitAnswer = FailedResponse;

interface FullResponse {
	body: unknown;
	headers?: Record<string, unknown>;
	statusCode: number;
}

/**
 * What one send came to: Krebit's answer (any status), or the error of a request that got none
 * (no connection, credential not connected, refresh refused).
 */
type Sent = { kind: 'answered'; answer: KrebitAnswer } | { kind: 'unanswered'; error: unknown };

/** The same, or the error that refused a redirect (nothing was sent to its target). */
type TenantAnswer = Sent | { kind: 'refused'; error: Error };

/**
 * Sends, following redirects ourselves and only while they stay on the tenant's origin (same
 * scheme, host and port), at most MAX_TENANT_REDIRECTS times. A redirect anywhere else is
 * refused before anything goes there.
 */
async function sendWithinTenant(
	context: KrebitContext,
	options: IHttpRequestOptions,
	origin: string,
	request: KrebitRequest,
): Promise<TenantAnswer> {
	let current = options;
	for (let redirects = 0; ; redirects++) {
		const sent = await sendKeepingFailures(context, current);
		if (sent.kind === 'unanswered' || !isRedirectStatus(sent.answer.status)) return sent;
		const { answer } = sent;
		const step = redirectStep(answer.status, headerValue(answer.headers, 'location'), current.url, origin, current.method ?? 'GET');
		const node = context.getNode();
		if (step.kind === 'elsewhere') {
			return { kind: 'refused', error: redirectedElsewhereError(node, answer.status, answer.headers, step.target, origin, request) };
		}
		if (step.kind === 'invalid' || redirects >= MAX_TENANT_REDIRECTS) {
			return { kind: 'refused', error: unfollowedRedirectError(node, answer.status, answer.headers, request, step.kind === 'follow') };
		}
		current = { ...current, url: step.url, method: step.method, qs: undefined };
		if (!step.keepBody) current = withoutBody(current);
	}
}

function withoutBody(options: IHttpRequestOptions): IHttpRequestOptions {
	const headers = Object.fromEntries(Object.entries(options.headers ?? {}).filter(([name]) => name.toLowerCase() !== 'content-type'));
	return { ...options, body: undefined, headers };
}

/**
 * Sends once, asking n8n for the whole answer even when it failed: n8n 1.x drops a failed
 * answer's headers (Krebit's request ID, Retry-After) from the errors it throws. A 401 is sent
 * again the ordinary way, so that n8n's OAuth2 handling refreshes the token and retries; what
 * that second send throws for a status (a redirect, a 401 again) is taken as the answer.
 */
async function sendKeepingFailures(context: KrebitContext, options: IHttpRequestOptions): Promise<Sent> {
	const send = context.helpers.httpRequestWithAuthentication;
	try {
		const first = (await send.call(context, CREDENTIAL_TYPE, { ...options, returnFullResponse: true, ignoreHttpStatusErrors: true })) as FullResponse;
		if (first.statusCode !== 401) return answered(first);
		return answered((await send.call(context, CREDENTIAL_TYPE, { ...options, returnFullResponse: true })) as FullResponse);
	} catch (error) {
		const failed = failedResponseOf(error);
		return failed ? { kind: 'answered', answer: failed } : { kind: 'unanswered', error };
	}
}

function answered(response: FullResponse): Sent {
	return { kind: 'answered', answer: { status: response.statusCode, body: response.body, headers: response.headers ?? {} } };
}

/** A single record arrives as `{"data": {...}}` or as the bare object: both give the record. */
export function unwrapRecord(body: unknown): IDataObject {
	if (isJsonObject(body) && isJsonObject(body.data) && body.id === undefined && body.uuid === undefined) {
		return body.data;
	}
	if (isJsonObject(body)) return body;
	return { value: body as IDataObject[keyof IDataObject] };
}

export interface ListPage {
	records: IDataObject[];
	meta?: IDataObject;
	links?: IDataObject;
}

/** A list arrives as `{"data": [...], "meta"?, "links"?}` or as a bare array; else undefined. */
export function unwrapList(body: unknown): ListPage | undefined {
	if (Array.isArray(body)) return { records: body as IDataObject[] };
	if (isJsonObject(body) && Array.isArray(body.data)) {
		return {
			records: body.data as IDataObject[],
			meta: isJsonObject(body.meta) ? body.meta : undefined,
			links: isJsonObject(body.links) ? body.links : undefined,
		};
	}
	if (body === undefined || body === null || body === '') return { records: [] };
	return undefined;
}
