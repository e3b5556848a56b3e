// Reading what others wrote: an answer that may or may not be JSON, and KEY=VALUE settings.

/** The parsed JSON of `text`, or `otherwise` (the text itself unless told) when it is not JSON. */
export function parseJson(text, otherwise = text) {
	try {
		return JSON.parse(text);
	} catch {
		return otherwise;
	}
}

/** `['A=1', 'B=x=y']` → `{ A: '1', B: 'x=y' }`; a pair without "=" is refused. */
export function keyValuePairs(pairs) {
	const entries = pairs.filter(Boolean).map((pair) => {
		const at = pair.indexOf('=');
		if (at < 1) throw new Error(`expected KEY=VALUE, got "${pair}"`);
		return [pair.slice(0, at), pair.slice(at + 1)];
	});
	return Object.fromEntries(entries);
}
