// Small HTTP helpers shared by every route: answers, errors, bodies, PHP-style JSON.

/** An answer a route gives: JSON for objects, HTML for strings, nothing for undefined. */
export function reply(status, body, headers = {}) {
	return { status, body, headers };
}

/** Thrown by a route to answer with an error at once. */
export class HttpError extends Error {
	constructor(status, body, headers = {}) {
		super(body?.message ?? body?.error ?? `HTTP ${status}`);
		this.status = status;
		this.body = body;
		this.headers = headers;
	}
}

/** Laravel's validation failure, as Krebit documents it: 400 with field messages. */
export function validationError(errors) {
	const first = Object.values(errors)[0][0];
	const more = Object.values(errors).flat().length - 1;
	return new HttpError(400, { message: more > 0 ? `${first} (and ${more} more ${more === 1 ? 'error' : 'errors'})` : first, errors });
}

export function notFound(thing) {
	return new HttpError(404, { message: `${thing} not found.` });
}

export function send(res, { status, body, headers }) {
	if (res.headersSent) return;
	let payload = '';
	const outgoing = { ...headers };
	if (typeof body === 'string') {
		payload = body;
		outgoing['content-type'] ??= 'text/html; charset=utf-8';
	} else if (Buffer.isBuffer(body)) {
		payload = body;
	} else if (body !== undefined) {
		payload = JSON.stringify(body);
		outgoing['content-type'] ??= 'application/json';
	}
	outgoing['content-length'] = Buffer.byteLength(payload);
	res.writeHead(status, outgoing);
	res.end(payload);
}

/** The whole request body; larger than `limit` bytes gives 413 (the rest is drained). */
export async function readBody(req, limit = 25 * 1024 * 1024) {
	const chunks = [];
	let size = 0;
	let tooLarge = false;
	for await (const chunk of req) {
		size += chunk.length;
		if (size > limit) tooLarge = true;
		else chunks.push(chunk);
	}
	if (tooLarge) throw new HttpError(413, { message: `The request body is larger than ${limit} bytes.` });
	return Buffer.concat(chunks);
}

/** A JSON or form body as a plain object; `type` says which it was. */
export function parseFields(buffer, contentType = '') {
	const text = buffer.toString('utf8');
	if (/^application\/(.+\+)?json/i.test(contentType)) {
		if (text.trim() === '') return { type: 'json', values: {} };
		let values;
		try {
			values = JSON.parse(text);
		} catch {
			throw new HttpError(400, { message: 'The request body is not valid JSON.' });
		}
		if (values === null || typeof values !== 'object' || Array.isArray(values)) {
			throw new HttpError(400, { message: 'The request body must be a JSON object.' });
		}
		return { type: 'json', values };
	}
	return { type: 'form', values: Object.fromEntries(new URLSearchParams(text)) };
}

/**
 * JSON as PHP's json_encode writes it by default: `/` as `\/`, every character outside ASCII as
 * `\uXXXX` (lower-case hex; characters beyond the BMP as their surrogate pair).
 */
export function phpJson(value) {
	return JSON.stringify(value)
		.replace(/\//g, '\\/')
		.replace(/[\u0080-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
