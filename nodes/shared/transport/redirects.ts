import { NodeApiError, type IHttpRequestMethods, type INode, type JsonObject } from 'n8n-workflow';

import type { ErrorContext, KrebitErrorDetails } from './errors';
import { headerValue } from '../values';

/** Redirects within the tenant followed for one request, at most. */
export const MAX_TENANT_REDIRECTS = 5;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export function isRedirectStatus(status: number): boolean {
	return REDIRECT_STATUSES.has(status);
}

/** Where a redirect points, decided before anything is sent there. */
export type RedirectStep =
	| { kind: 'follow'; url: string; method: IHttpRequestMethods; keepBody: boolean }
	| { kind: 'elsewhere'; target: string }
	| { kind: 'invalid' };

/**
 * The scheme, host and port of `url`, never its path or query (a query may carry a secret).
 * `https://collector.example.net`, `https://acme.krebit.se:8443`, `http://acme.krebit.se`.
 */
export function redirectTargetName(url: URL): string {
	const name = url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : `${url.protocol}//${url.host}`;
	return name.length > 100 ? `${name.slice(0, 100)}…` : name;
}

/**
 * The next step for a redirect answer to `method` at `currentUrl`: follow it when it stays on the
 * tenant's origin (same scheme, host and port), refuse it otherwise. 303, and 301/302 after a
 * POST, continue as a GET without the body (as browsers and n8n's HTTP Request node do); 307 and
 * 308 repeat the method and the body.
 */
export function redirectStep(
	status: number,
	location: string | undefined,
	currentUrl: string,
	tenantOrigin: string,
	method: IHttpRequestMethods,
): RedirectStep {
	if (!location) return { kind: 'invalid' };
	let next: URL;
	try {
		next = new URL(location, currentUrl);
	} catch {
		return { kind: 'invalid' };
	}
	if (next.username || next.password) return { kind: 'elsewhere', target: `${redirectTargetName(next)} (with a user name in the address)` };
	if (next.origin !== tenantOrigin) return { kind: 'elsewhere', target: redirectTargetName(next) };
	const upper = method.toUpperCase();
	const toGet = (status === 303 && upper !== 'HEAD') || ((status === 301 || status === 302) && upper === 'POST');
	next.hash = '';
	return { kind: 'follow', url: next.href, method: toGet ? 'GET' : method, keepBody: !toGet };
}

const CHECK_ORGANIZATION = 'Check the Organization in the Krebit credential; if it is right, Krebit (or a proxy in front of it) is redirecting requests: tell Krebit support.';

function redirectError(
	node: INode,
	status: number,
	headers: Record<string, unknown>,
	context: ErrorContext,
	message: string,
	explanation: string,
): NodeApiError {
	const requestId = headerValue(headers, 'request_id') ?? headerValue(headers, 'x-request-id');
	const description = [explanation, CHECK_ORGANIZATION, requestId ? `Krebit request ID: ${requestId} (give it to Krebit support).` : undefined]
		.filter(Boolean)
		.join(' ');
	const details: KrebitErrorDetails = { status, message, fields: [], requestId: requestId ?? null };
	return new NodeApiError(node, details as unknown as JsonObject, { message, description, httpCode: String(status), itemIndex: context.itemIndex });
}

/** Krebit pointed the request at another origin: nothing was sent there. */
export function redirectedElsewhereError(
	node: INode,
	status: number,
	headers: Record<string, unknown>,
	target: string,
	tenantOrigin: string,
	context: ErrorContext,
): NodeApiError {
	return redirectError(
		node,
		status,
		headers,
		context,
		`${context.action} failed: Krebit redirected it to ${target}, which is not your Krebit organization`,
		`Krebit answered ${status} pointing to ${target} (the rest of that address is left out). Nothing was sent there: the Krebit nodes send the token and your data to ${tenantOrigin} only.`,
	);
}

/** A redirect with no usable address, or one too many within the tenant. */
export function unfollowedRedirectError(node: INode, status: number, headers: Record<string, unknown>, context: ErrorContext, tooMany: boolean): NodeApiError {
	return tooMany
		? redirectError(node, status, headers, context, `${context.action} failed: Krebit redirected it more than ${MAX_TENANT_REDIRECTS} times`, 'The redirects stayed within your organization but did not end.')
		: redirectError(node, status, headers, context, `${context.action} failed: Krebit answered ${status} with no valid address to go to`, 'Nothing more was sent.');
}
