import nock from 'nock';

import { CLIENT_ID, CLIENT_SECRET, KREBIT } from './krebit-harness';

export interface TokenRequest {
	path: string;
	body: Record<string, string>;
	authorization: string | undefined;
	contentType: string | undefined;
}

/**
 * Krebit's token endpoint as nock: client id and secret must be in the form body, refresh
 * tokens are single-use and rotated (a used one gets `invalid_grant`), client credentials
 * give no refresh token. Every request is recorded.
 */
export class FakeTokenServer {
	readonly requests: TokenRequest[] = [];

	private readonly liveRefreshTokens = new Set<string>();

	private issued = 0;

	constructor(
		readonly path: '/api/oauth/token' | '/oauth/token',
		initialRefreshToken = 'refresh-1',
		private readonly firstIssue = 2,
	) {
		this.liveRefreshTokens.add(initialRefreshToken);
		// A function, not an arrow: nock passes the intercepted request as `this.req`.
		const record = (request: TokenRequest) => this.requests.push(request);
		const handle = (body: Record<string, string>) => this.handle(body);
		nock(KREBIT)
			.post(path)
			.reply(function (uri, rawBody) {
				const headers = this.req.headers as Record<string, string | undefined>;
				const body = Object.fromEntries(new URLSearchParams(String(rawBody)));
				record({
					path: uri,
					body,
					authorization: headers.authorization,
					contentType: headers['content-type'],
				});
				return handle(body);
			})
			.persist();
	}

	private handle(body: Record<string, string>): [number, object] {
		if (body.client_id !== CLIENT_ID || body.client_secret !== CLIENT_SECRET) {
			return [401, { error: 'invalid_client', message: 'Client authentication failed.' }];
		}
		const number = this.firstIssue + this.issued++;
		if (body.grant_type === 'client_credentials') {
			return [200, { access_token: `app-access-${number}`, token_type: 'Bearer', expires_in: 3600 }];
		}
		if (body.grant_type === 'refresh_token') {
			if (!this.liveRefreshTokens.delete(body.refresh_token)) {
				this.issued--;
				return [
					400,
					{
						error: 'invalid_grant',
						error_description: 'The refresh token is invalid.',
						message: 'The refresh token is invalid.',
					},
				];
			}
			const refreshToken = `refresh-${number}`;
			this.liveRefreshTokens.add(refreshToken);
			return [
				200,
				{ access_token: `access-${number}`, refresh_token: refreshToken, token_type: 'Bearer', expires_in: 3600 },
			];
		}
		return [400, { error: 'unsupported_grant_type', message: 'Unsupported grant type.' }];
	}
}
