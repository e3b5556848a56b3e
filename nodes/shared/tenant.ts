/**
 * The tenant rule: how whatever the user typed as "Organization" becomes the one DNS label
 * in `https://<label>.krebit.se`.
 *
 * The rule is written once, as the ordered steps below. `tenantLabel` runs them in
 * TypeScript (the nodes use it); `tenantLabelExpression` writes the same steps as an n8n
 * expression (the credential's authorize and token URLs use it, because n8n evaluates those
 * itself). Tests run both on the same inputs through n8n's expression engine.
 *
 * Whatever the input, the label can only hold `a-z`, `0-9` and inner hyphens, so a URL built
 * from it cannot leave `krebit.se`: no other host, no userinfo, no port, no path or query.
 * An input that gives no such label maps to `INVALID_TENANT_LABEL`, which ends with a hyphen
 * and so can never be a real tenant; the nodes refuse it with a clear message before any call.
 */

export const KREBIT_DOMAIN = 'krebit.se';

/** Ends with a hyphen: not a valid host label, so no Krebit tenant can own it. */
export const INVALID_TENANT_LABEL = 'invalid-organization-';

/** The longest DNS label is 63 characters. */
const MAX_LABEL_LENGTH = 63;

// The steps, in order. Written without `{` `}` so every n8n expression engine
// (including the older template engine of n8n 1.x) reads them unchanged.
const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//;
const PATH_QUERY_OR_FRAGMENT = /[/?#\\]/;
const TRAILING_DOTS = /\.+$/;
const KREBIT_SUFFIX = /\.krebit\.se$/;
const TOO_LONG = new RegExp('^' + '.'.repeat(MAX_LABEL_LENGTH + 1) + '.*$');
const LABEL = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

/**
 * The tenant label for what the user typed, or `undefined` when it names no Krebit tenant.
 * `yourco`, ` YourCo.krebit.se. `, `https://yourco.krebit.se/some/path` all give `yourco`.
 */
export function tenantLabel(typed: unknown): string | undefined {
	// `||` rather than `??`, exactly as in the expression below.
	const candidate = String(typed || '')
		.trim()
		.toLowerCase()
		.replace(SCHEME, '')
		.split(PATH_QUERY_OR_FRAGMENT)[0]
		.replace(TRAILING_DOTS, '')
		.replace(KREBIT_SUFFIX, '')
		.replace(TOO_LONG, '');
	const match = candidate.match(LABEL);
	return match ? match[0] : undefined;
}

/**
 * The same steps as `tenantLabel`, as an n8n expression body (without `{{ }}`) reading the
 * value at `reference` (for example `$self["organization"]`). Gives `INVALID_TENANT_LABEL`
 * where `tenantLabel` gives `undefined`.
 */
export function tenantLabelExpression(reference: string): string {
	return (
		`(String(${reference} || "").trim().toLowerCase()` +
		`.replace(${SCHEME.toString()}, "")` +
		`.split(${PATH_QUERY_OR_FRAGMENT.toString()})[0]` +
		`.replace(${TRAILING_DOTS.toString()}, "")` +
		`.replace(${KREBIT_SUFFIX.toString()}, "")` +
		`.replace(${TOO_LONG.toString()}, "")` +
		`.match(${LABEL.toString()}) || ["${INVALID_TENANT_LABEL}"])[0]`
	);
}

/** `https://<label>.krebit.se` for a valid label. */
export function tenantOrigin(label: string): string {
	return `https://${label}.${KREBIT_DOMAIN}`;
}
