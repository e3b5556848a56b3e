/** An org number as it is compared: without spaces, `-` and other separators, upper case. */
export function normalizeOrgNumber(value: unknown): string {
	return String(value ?? '')
		.replace(/[\s\-‐-―−.]/g, '')
		.toUpperCase();
}

/**
 * The forms to ask Krebit with, most likely first: as typed (trimmed), without separators, and
 * for a Swedish 10-digit number the dashed form `556000-4999`. Krebit's filter is not
 * documented, so a second form is tried only when the first finds nothing.
 */
export function orgNumberQueries(typed: string): string[] {
	const compact = normalizeOrgNumber(typed);
	const forms = [typed.trim().replace(/\s+/g, ''), compact];
	if (/^\d{10}$/.test(compact)) forms.push(`${compact.slice(0, 6)}-${compact.slice(6)}`);
	return [...new Set(forms.filter(Boolean))];
}
