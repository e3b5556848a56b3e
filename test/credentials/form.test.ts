import type { INodePropertyOptions } from 'n8n-workflow';

import { visibleFields } from './credential-form';

const labels = (grantType: string) => visibleFields({ grantType }).map((field) => field.displayName);

describe("the credential form as n8n's editor lists it", () => {
	test('Authorization Code: the setup steps right under Grant Type, then the fields to fill in', () => {
		expect(labels('authorizationCode')).toEqual([
			'Grant Type',
			expect.stringMatching(/^Set up Krebit in three steps\. 1\) In Krebit, open https:\/\/yourco\.krebit\.se\/developer\/my-apps/),
			'Client ID',
			'Client Secret',
			'Allowed HTTP Request Domains',
			'Organization',
			'Token Endpoint',
		]);
	});

	test('Client Credentials: the same, without extra token fields Krebit does not use', () => {
		expect(labels('clientCredentials')).toEqual([
			'Grant Type',
			expect.stringMatching(/^Set up Krebit/),
			'Client ID',
			'Client Secret',
			'Allowed HTTP Request Domains',
			'Organization',
			'Token Endpoint',
		]);
	});

	test('the setup steps are a notice, and Organization shows its help with an example under the field', () => {
		const fields = visibleFields({ grantType: 'authorizationCode' });
		expect(fields[1].type).toBe('notice');
		const organization = fields.find((field) => field.name === 'organization');
		expect(organization?.hint).toBe(
			'The first part of your Krebit address: for https://yourco.krebit.se type yourco (the whole address works too). Connect signs in there.',
		);
		expect(organization?.required).toBe(true);
	});

	test.each([
		['authorizationCode', 'Krebit Finance guide (/api/oauth/token)'],
		['clientCredentials', 'Krebit Sign guide (/oauth/token)'],
	])('Token Endpoint (%s) names each path by the Krebit guide that uses it; default %s', (grantType, shownDefault) => {
		const tokenEndpoint = visibleFields({ grantType }).find((field) => field.displayName === 'Token Endpoint');
		const options = tokenEndpoint?.options as INodePropertyOptions[];
		expect(options.map((option) => option.name)).toEqual([
			'Krebit Finance guide (/api/oauth/token)',
			'Krebit Sign guide (/oauth/token)',
		]);
		expect(options.find((option) => option.value === tokenEndpoint?.default)?.name).toBe(shownDefault);
	});
});
