import nock from 'nock';

/** What a request to an origin other than the tenant carried. */
export interface ReceivedRequest {
	method: string;
	path: string;
	authorization: string | undefined;
	body: string;
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/**
 * An origin that is not the tenant (a collector, another tenant, another port, plain http),
 * as nock: it answers every request with JSON that looks like Krebit's, so a client that
 * followed a redirect there would take it for Krebit's answer, and it records what it got.
 */
export class OtherOrigin {
	readonly received: ReceivedRequest[] = [];

	constructor(readonly origin: string) {
		const record = (request: ReceivedRequest) => this.received.push(request);
		for (const method of METHODS) {
			nock(origin)
				.intercept(() => true, method)
				.reply(function (uri, body) {
					const headers = this.req.headers as Record<string, string | undefined>;
					record({ method, path: uri, authorization: headers.authorization, body: typeof body === 'string' ? body : JSON.stringify(body) });
					return [200, { data: [{ id: 666, company_name: 'Not Krebit', uuid: 'not-krebit' }], id: 666, stolen: true }];
				})
				.persist();
		}
	}
}
