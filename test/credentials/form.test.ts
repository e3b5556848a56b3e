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
			'The first part of your Krebit address: for https://yourco.krebit.se type yourco (the whole address works too). "Connect my account" signs in there.',
		);
		expect(organization?.required).toBe(true);
	});

	test.each([
		['authorizationCode', ['Standard (/api/oauth/token)', 'Alternative (/oauth/token): only if Connect fails with 404']],
		['clientCredentials', ['Standard (/oauth/token)', 'Alternative (/api/oauth/token): only if getting a token fails with 404']],
	])('Token Endpoint (%s): the default first, named Standard; the other says when to pick it', (grantType, names) => {
		const tokenEndpoint = visibleFields({ grantType }).find((field) => field.displayName === 'Token Endpoint');
		const options = tokenEndpoint?.options as INodePropertyOptions[];
		expect(options.map((option) => option.name)).toEqual(names);
		expect(options[0].value).toBe(tokenEndpoint?.default);
		expect(options[0].description).toMatch(/^Right for most apps/);
		expect(options[1].description).toMatch(/^Pick this if .*404/);
	});

	test('the setup notice names the button n8n shows ("Connect my account", at the top once filled), for both grant types', () => {
		const notice = visibleFields({ grantType: 'authorizationCode' })[1];
		expect(notice.displayName).toContain('click "Connect my account": n8n shows it at the top of this window once those fields are filled');
		expect(notice.displayName).toContain('With Client Credentials, just save');
		expect(notice.displayName).not.toContain('further down');
	});
});
