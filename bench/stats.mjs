// Small numeric helpers for the bench: medians, percentiles, ratios and how they are printed.

export function median(values) {
	const sorted = values.filter((value) => typeof value === 'number' && Number.isFinite(value)).sort((a, b) => a - b);
	if (sorted.length === 0) return undefined;
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Nearest-rank percentile (p in 0..100) of `values`. */
export function percentile(values, p) {
	const sorted = [...values].sort((a, b) => a - b);
	if (sorted.length === 0) return undefined;
	const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
	return sorted[Math.min(sorted.length, rank) - 1];
}

export function minMax(values) {
	const numbers = values.filter((value) => typeof value === 'number' && Number.isFinite(value));
	return numbers.length ? [Math.min(...numbers), Math.max(...numbers)] : [undefined, undefined];
}

export const ratio = (top, bottom) => (top === undefined || bottom === undefined || bottom === 0 ? undefined : top / bottom);

/** `1234` → "1,234"; undefined → "–". */
export function num(value, digits = 0) {
	if (value === undefined || value === null || Number.isNaN(value)) return '–';
	return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export const ms = (value) => (value === undefined ? '–' : `${num(value, value < 10 ? 1 : 0)} ms`);

export const times = (value) => (value === undefined ? '–' : `${num(value, 2)}×`);

/** The median with the spread of the runs: "1,234 ms (1,200–1,300)". */
export function spread(values, unit = ' ms') {
	const middle = median(values);
	if (middle === undefined) return '–';
	const [low, high] = minMax(values);
	const digits = middle < 10 ? 1 : 0;
	return `${num(middle, digits)}${unit} (${num(low, digits)}–${num(high, digits)})`;
}

/** "1 item", "10,000 items". */
export const items = (count) => `${num(count)} ${count === 1 ? 'item' : 'items'}`;

/** "pass" or "MISS" for a goal, with what was measured. */
export const verdict = (ok) => (ok === undefined ? 'n/a' : ok ? 'pass' : 'MISS');
