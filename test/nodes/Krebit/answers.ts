import nock from 'nock';

import { KREBIT } from '../../harness/krebit-harness';

/**
 * Krebit answering `path` with `first`, then `then` for every later call, counting the calls:
 * for tests of what is (and is not) sent again.
 */
export function answers(method: string, path: string, first: [number, unknown], then: [number, unknown]) {
	const counter = { calls: 0 };
	nock(KREBIT)
		.intercept(path, method.toUpperCase())
		.reply(() => {
			counter.calls++;
			const [status, body] = counter.calls === 1 ? first : then;
			return [status, body as nock.Body, { 'Retry-After': '0', request_id: `req-${counter.calls}` }];
		})
		.persist();
	return counter;
}
