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
import { failedResponseOf, headerValue, krebitApiError, requestFailedError, type ErrorContext, type FailedResponse } from './errors';
import { throughTenantGate } from './rateLimit';

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
 * refresh, retry after refresh), bounded retries (see `isRetryable`), and errors that say
 * what happened without any secret in them.
 */
export async function krebitRequest<T = unknown>(context: KrebitContext, request: KrebitRequest): Promise<T> {
	const origin = await krebitOrigin(context, request.itemIndex);
	const isBuffer = Buffer.isBuffer(request.body);
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${origin}${API_PREFIX}${request.path}`,
		qs: request.qs,
		body: request.body,
		headers: {
			Accept: 'application/json',
			...(request.body && !isBuffer ? { 'Content-Type': 'application/json' } : {}),
			...request.headers,
		},
		json: true,
	};

	for (let attempt = 1; ; attempt++) {
		let failed: FailedResponse | undefined;
		try {
			const answer = await throughTenantGate(origin, attempt > 1, async () => await sendKeepingFailures(context, options), (sent) =>
				sent.ok || sent.failed.status !== 429 ? undefined : retryDelayMs(sent.failed.headers, attempt),
			);
			if (answer.ok) return answer.body as T;
			failed = answer.failed;
		} catch (error) {
			failed = failedResponseOf(error);
			if (!failed) throw requestFailedError(context.getNode(), error, request);
		}
		if (isRetryable(request.method, failed.status) && attempt < RETRY.attempts) {
			const delayMs = retryDelayMs(failed.headers, attempt);
			await (request.waitBeforeRetry ? request.waitBeforeRetry(delayMs, failed.status) : sleep(delayMs));
			continue;
		}
		throw krebitApiError(context.getNode(), failed, request, attempt);
	}
}

interface FullResponse {
	body: unknown;
	headers?: Record<string, unknown>;
	statusCode: number;
}

/**
 * Sends once, asking n8n for the whole answer even when it failed: n8n 1.x drops a failed
 * answer's headers (Krebit's request ID, Retry-After) from the errors it throws. A 401 is sent
 * again the ordinary way, so that n8n's OAuth2 handling refreshes the token and retries.
 */
async function sendKeepingFailures(
	context: KrebitContext,
	options: IHttpRequestOptions,
): Promise<{ ok: true; body: unknown } | { ok: false; failed: FailedResponse }> {
	const send = context.helpers.httpRequestWithAuthentication;
	const answer = (await send.call(context, CREDENTIAL_TYPE, {
		...options,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	})) as FullResponse;
	if (answer.statusCode < 400) return { ok: true, body: answer.body };
	if (answer.statusCode === 401) return { ok: true, body: await send.call(context, CREDENTIAL_TYPE, options) };
	return { ok: false, failed: { status: answer.statusCode, body: answer.body, headers: answer.headers ?? {} } };
}

function isRecord(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A single record arrives as `{"data": {...}}` or as the bare object: both give the record. */
export function unwrapRecord(body: unknown): IDataObject {
	if (isRecord(body) && isRecord(body.data) && body.id === undefined && body.uuid === undefined) {
		return body.data;
	}
	if (isRecord(body)) return body;
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
	if (isRecord(body) && Array.isArray(body.data)) {
		return {
			records: body.data as IDataObject[],
			meta: isRecord(body.meta) ? body.meta : undefined,
			links: isRecord(body.links) ? body.links : undefined,
		};
	}
	if (body === undefined || body === null || body === '') return { records: [] };
	return undefined;
}
