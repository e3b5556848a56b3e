// A per-tenant rate limit, as a Laravel API throttles: at most `rateLimitPerSecond` API
// requests in each one-second window; the rest get 429 `Too Many Attempts.` with Retry-After
// (the configured seconds, else the seconds left in the window, at least 1). Refused requests
// do not count towards the window. 0 turns it off.
import { reply } from '../http.mjs';

const WINDOW_MS = 1000;

/** The 429 answer when this request is over the tenant's limit, else undefined (and it is counted). */
export function takeRateLimit(state, tenant, now = Date.now()) {
	const limit = state.config.rateLimitPerSecond;
	if (!limit) return undefined;
	const window = (state.rateWindows.get(tenant.label) ?? { start: 0, count: 0 });
	if (now - window.start >= WINDOW_MS) {
		window.start = now;
		window.count = 0;
	}
	state.rateWindows.set(tenant.label, window);
	if (window.count < limit) {
		window.count += 1;
		return undefined;
	}
	state.stats.rateLimited += 1;
	const retryAfter = state.config.rateLimitRetryAfter ?? Math.max(1, Math.ceil((window.start + WINDOW_MS - now) / 1000));
	return reply(429, { message: 'Too Many Attempts.' }, { 'retry-after': String(retryAfter) });
}
