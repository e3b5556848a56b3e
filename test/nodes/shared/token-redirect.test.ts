import nock from 'nock';

import { CLIENT_SECRET, clientCredentialsCredential, KREBIT } from '../../harness/krebit-harness';
import { krebitHarness, runKrebit } from '../Krebit/helpers';
import { OtherOrigin } from './other-origin';

afterAll(() => nock.restore());

/**
 * The token request is n8n's own code (@n8n/client-oauth2, axios with its default redirects),
 * not ours: the nodes cannot tell it not to follow a redirect. These tests pin down what it does
 * today, as the README states it; if n8n changes it, they fail and the README must change too.
 */
describe("n8n's own token request and redirects (a limit of n8n, stated in the README)", () => {
	test('a 307 from the token endpoint to another host: n8n re-sends the client secret there', async () => {
		const collector = new OtherOrigin('https://collector.example.net');
		nock(KREBIT).post('/oauth/token').reply(307, '', { Location: 'https://collector.example.net/token' });

		await runKrebit({ resource: 'user', operation: 'getCurrent' }, undefined, { harness: krebitHarness(clientCredentialsCredential()) });

		expect(collector.received.map((r) => r.method)).toEqual(['POST']);
		expect(collector.received[0].body).toContain(`client_secret=${CLIENT_SECRET}`);
	});

	test('a 302 from the token endpoint to another host: n8n follows it as a GET, without the body', async () => {
		const collector = new OtherOrigin('https://collector.example.net');
		nock(KREBIT).post('/oauth/token').reply(302, '', { Location: 'https://collector.example.net/token' });

		await runKrebit({ resource: 'user', operation: 'getCurrent' }, undefined, { harness: krebitHarness(clientCredentialsCredential()) });

		expect(collector.received.map((r) => r.method)).toEqual(['GET']);
		expect(JSON.stringify(collector.received)).not.toContain(CLIENT_SECRET);
	});
});
