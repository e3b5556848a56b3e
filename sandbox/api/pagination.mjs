// Laravel's length-aware paginator: `?limit=&page=` (1-based) in, `{data, links, meta}` out.
import { validationError } from '../http.mjs';

const DEFAULT_LIMIT = 15;
/** Laravel shows every page up to this many, else a window around the current page. */
const ALL_PAGES_UP_TO = 12;

function positiveInteger(url, name, fallback) {
	if (!url.searchParams.has(name) || url.searchParams.get(name) === '') return fallback;
	const raw = url.searchParams.get(name);
	const value = Number(raw);
	if (!Number.isInteger(value) || value < 1) {
		throw validationError({ [name]: [`The ${name} field must be an integer of at least 1 (got "${raw}").`] });
	}
	return value;
}

function pageNumbersShown(current, last) {
	if (last <= ALL_PAGES_UP_TO) return Array.from({ length: last }, (_, i) => i + 1);
	const window = new Set([1, 2, last - 1, last]);
	for (let page = current - 3; page <= current + 3; page++) if (page >= 1 && page <= last) window.add(page);
	const sorted = [...window].sort((a, b) => a - b);
	const shown = [];
	for (const page of sorted) {
		if (shown.length > 0 && page - shown.at(-1) > 1) shown.push('...');
		shown.push(page);
	}
	return shown;
}

/**
 * One page of `source` (an array, or `{ total, slice(start, end) }`). Page size is the asked
 * limit, at most `pageCap`. The links keep the other query parameters, so following `next`
 * walks the same list.
 */
export function paginate({ url, origin, state }, source) {
	const limit = positiveInteger(url, 'limit', DEFAULT_LIMIT);
	const current = positiveInteger(url, 'page', 1);
	const perPage = Math.min(limit, state.config.pageCap);
	const total = Array.isArray(source) ? source.length : source.total;
	const lastPage = Math.max(1, Math.ceil(total / perPage));
	const start = (current - 1) * perPage;
	const end = Math.min(start + perPage, total);
	const data = start < total ? source.slice(start, end) : [];

	const path = `${origin}${url.pathname}`;
	const pageUrl = (page) => {
		const query = new URLSearchParams(url.searchParams);
		query.set('page', String(page));
		return `${path}?${query}`;
	};
	const links = [
		{ url: current > 1 ? pageUrl(current - 1) : null, label: '&laquo; Previous', active: false },
		...pageNumbersShown(current, lastPage).map((page) =>
			page === '...' ? { url: null, label: '...', active: false } : { url: pageUrl(page), label: String(page), active: page === current },
		),
		{ url: current < lastPage ? pageUrl(current + 1) : null, label: 'Next &raquo;', active: false },
	];
	return {
		data,
		links: {
			first: pageUrl(1),
			last: pageUrl(lastPage),
			prev: current > 1 ? pageUrl(current - 1) : null,
			next: current < lastPage ? pageUrl(current + 1) : null,
		},
		meta: {
			current_page: current,
			from: data.length > 0 ? start + 1 : null,
			last_page: lastPage,
			links,
			path,
			per_page: perPage,
			to: data.length > 0 ? start + data.length : null,
			total,
		},
	};
}
