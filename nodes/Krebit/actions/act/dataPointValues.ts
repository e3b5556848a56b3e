import type { IDataObject } from 'n8n-workflow';

/** A value to write, or why it does not fit its data point. */
export type Checked = { ok: true; value: unknown } | { ok: false; problem: string };

const NUMBER_TYPES = new Set(['number', 'currency', 'percent', 'integer', 'decimal']);
const TRUE_WORDS = new Set(['true', 'yes', 'ja', '1']);
const FALSE_WORDS = new Set(['false', 'no', 'nej', '0']);

function isEmpty(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** "1 200 000", "12,5" or 12.5 as a number; undefined when it is not one. */
function asNumber(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	if (typeof value !== 'string') return undefined;
	const text = value.replace(/[\s\u00a0]/g, '').replace(',', '.');
	return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : undefined;
}

/**
 * Checks `value` against a data point (its `type`, `required`, and the template field's
 * `options` when known) and gives it the type Krebit stores: numbers for number, currency and
 * percent, booleans for boolean, `YYYY-MM-DD` for dates. Unknown types pass as they are.
 */
export function checkValue(point: IDataObject, value: unknown, options?: unknown[] | null): Checked {
	const type = String(point.type ?? '').toLowerCase();
	if (isEmpty(value)) {
		return point.required === true ? { ok: false, problem: 'is required and cannot be empty' } : { ok: true, value: null };
	}
	if (NUMBER_TYPES.has(type)) {
		const number = asNumber(value);
		return number === undefined ? { ok: false, problem: `needs a number (${type}), not ${JSON.stringify(value)}` } : { ok: true, value: number };
	}
	if (type === 'boolean') {
		if (typeof value === 'boolean') return { ok: true, value };
		const word = String(value).trim().toLowerCase();
		if (TRUE_WORDS.has(word)) return { ok: true, value: true };
		if (FALSE_WORDS.has(word)) return { ok: true, value: false };
		return { ok: false, problem: `needs true or false, not ${JSON.stringify(value)}` };
	}
	if (type === 'date') {
		const text = String(value).trim();
		const date = /^(\d{4}-\d{2}-\d{2})(T.*)?$/.exec(text)?.[1];
		if (!date || Number.isNaN(Date.parse(date))) return { ok: false, problem: `needs a date as YYYY-MM-DD, not ${JSON.stringify(value)}` };
		return { ok: true, value: date };
	}
	if (type === 'select' && Array.isArray(options) && options.length > 0) {
		const match = options.find((option) => String(option).toLowerCase() === String(value).trim().toLowerCase());
		if (match === undefined) {
			const shown = options.slice(0, 12).map((option) => JSON.stringify(option)).join(', ');
			return { ok: false, problem: `must be one of ${shown}${options.length > 12 ? ', …' : ''}, not ${JSON.stringify(value)}` };
		}
		return { ok: true, value: match };
	}
	return { ok: true, value: typeof value === 'object' ? value : String(value) };
}

/** The data point a key names: its ID, or its name (exactly, else ignoring case). */
export function findPoint(points: IDataObject[], key: string): IDataObject | IDataObject[] | undefined {
	const byId = points.find((point) => String(point.id) === key);
	if (byId) return byId;
	let named = points.filter((point) => String(point.name ?? '') === key);
	if (named.length === 0) named = points.filter((point) => String(point.name ?? '').toLowerCase() === key.trim().toLowerCase());
	if (named.length > 1) return named;
	return named[0];
}

/** Every field's options of a template (`tabs[].sections[].fields[]`), by field ID. */
export function optionsByField(template: IDataObject): Map<string, unknown[]> {
	const options = new Map<string, unknown[]>();
	const tabs = Array.isArray(template.tabs) ? (template.tabs as IDataObject[]) : [];
	for (const tab of tabs) {
		for (const section of (Array.isArray(tab.sections) ? tab.sections : []) as IDataObject[]) {
			for (const field of (Array.isArray(section.fields) ? section.fields : []) as IDataObject[]) {
				if (Array.isArray(field.options)) options.set(String(field.id), field.options);
			}
		}
	}
	return options;
}
