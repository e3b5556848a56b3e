import type { IDataObject } from 'n8n-workflow';

// Readers of the untyped values both nodes get from Krebit and from n8n: answers, headers,
// stored data.

/** A JSON object as Krebit sends a record: not null, not an array, not raw bytes. */
export function isJsonObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}

/** A field for a label or a message: '' when absent (undefined or null), else its text. */
export function textOrEmpty(value: unknown): string {
	return value === undefined || value === null ? '' : String(value);
}

/**
 * A field that must be a string or a number (an ID, an event, a URL), as text; '' for anything
 * else, so an object in its place never becomes "[object Object]" and matches nothing.
 */
export function scalarText(value: unknown): string {
	return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/**
 * One header of a request or answer, whatever the case of its name; the first value when it
 * came as a list (as n8n hands over a header sent twice).
 */
export function headerValue(headers: Record<string, unknown>, name: string): string | undefined {
	const wanted = name.toLowerCase();
	for (const [key, value] of Object.entries(headers)) {
		if (key.toLowerCase() !== wanted) continue;
		const first: unknown = Array.isArray(value) ? value[0] : value;
		if (first !== undefined && first !== null) return String(first);
	}
	return undefined;
}
