import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

import { KREBIT_DOMAIN, tenantLabelExpression } from '../nodes/shared/tenant';

/** Krebit documents two token paths and each guide uses one of them (see README). */
const FINANCE_GUIDE_PATH = '/api/oauth/token';
const SIGN_GUIDE_PATH = '/oauth/token';

/**
 * Per grant type, the path right for most apps first (the default), then the other one named
 * by when to pick it, so a newcomer need not read Krebit's guides to choose.
 */
const codeGrantEndpointOptions = [
	{
		name: `Standard (${FINANCE_GUIDE_PATH})`,
		value: FINANCE_GUIDE_PATH,
		description: 'Right for most apps: the path Krebit documents for signing in with a Krebit user',
	},
	{
		name: `Alternative (${SIGN_GUIDE_PATH}): only if Connect fails with 404`,
		value: SIGN_GUIDE_PATH,
		description: 'Pick this if Connect fails with "404" or "not found" when getting the token, or if Krebit support tells you to',
	},
];

const clientCredentialsEndpointOptions = [
	{
		name: `Standard (${SIGN_GUIDE_PATH})`,
		value: SIGN_GUIDE_PATH,
		description: 'Right for most apps: the path Krebit documents for app tokens',
	},
	{
		name: `Alternative (${FINANCE_GUIDE_PATH}): only if getting a token fails with 404`,
		value: FINANCE_GUIDE_PATH,
		description: 'Pick this if the first request fails with "404" or "not found" at the token step, or if Krebit support tells you to',
	},
];

/** `https://<label>.krebit.se`, built from the Organization field with the tenant rule. */
const tenantOriginExpression = `"https://" + ${tenantLabelExpression('$self["organization"]')} + ".${KREBIT_DOMAIN}"`;

/**
 * Only the two documented paths can come out of this, whatever is stored in the fields,
 * so the token URL cannot be steered to another host by an edited value.
 */
const tokenEndpointExpression =
	`($self["grantType"] === "clientCredentials"` +
	` ? ($self["clientCredentialsEndpoint"] === "${FINANCE_GUIDE_PATH}" ? "${FINANCE_GUIDE_PATH}" : "${SIGN_GUIDE_PATH}")` +
	` : ($self["codeGrantEndpoint"] === "${SIGN_GUIDE_PATH}" ? "${SIGN_GUIDE_PATH}" : "${FINANCE_GUIDE_PATH}"))`;

export class KrebitOAuth2Api implements ICredentialType {
	name = 'krebitOAuth2Api';

	displayName = 'Krebit OAuth2 API';

	extends = ['oAuth2Api'];

	icon: Icon = { light: 'file:krebit.svg', dark: 'file:krebit.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-krebit/n8n-nodes-krebit#credentials';

	properties: INodeProperties[] = [
		{
			// n8n lists a credential's fields after those of the OAuth2 credential it extends, so
			// Organization lands near the end of the form. This notice takes the name of the
			// parent's "Server URL" (used only for dynamic client registration, which Krebit does
			// not offer) to stay in that field's place: right under Grant Type.
			displayName:
				'Set up Krebit in three steps. 1) In Krebit, open https://yourco.krebit.se/developer/my-apps (with your organization for yourco), create an app and add the OAuth Redirect URL shown here as its redirect URI. 2) Fill in the app\'s Client ID and Client Secret and your Organization below. 3) With Authorization Code, click "Connect my account": n8n shows it at the top of this window once those fields are filled. With Client Credentials, just save.',
			name: 'serverUrl',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Organization',
			name: 'organization',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'yourco',
			hint: 'The first part of your Krebit address: for https://yourco.krebit.se type yourco (the whole address works too). "Connect my account" signs in there.',
			description:
				'Your Krebit tenant: the first part of the address you use to sign in to Krebit. Type "yourco", "yourco.krebit.se" or paste "https://yourco.krebit.se/".',
		},
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'options',
			options: [
				{
					name: 'Authorization Code',
					value: 'authorizationCode',
					description: 'A Krebit user signs in and approves access ("Connect my account")',
				},
				{
					name: 'Client Credentials',
					value: 'clientCredentials',
					description: 'Server-to-server access for the app itself, no user sign-in',
				},
			],
			default: 'authorizationCode',
		},
		{
			displayName: 'Token Endpoint',
			name: 'codeGrantEndpoint',
			type: 'options',
			options: codeGrantEndpointOptions,
			default: FINANCE_GUIDE_PATH,
			description:
				'Where n8n exchanges the code and refreshes tokens. Keep Standard unless Connect fails with 404.',
			displayOptions: { show: { grantType: ['authorizationCode'] } },
		},
		{
			displayName: 'Token Endpoint',
			name: 'clientCredentialsEndpoint',
			type: 'options',
			options: clientCredentialsEndpointOptions,
			default: SIGN_GUIDE_PATH,
			description:
				'Where n8n asks for app tokens. Keep Standard unless getting a token fails with 404.',
			displayOptions: { show: { grantType: ['clientCredentials'] } },
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: `={{ ${tenantOriginExpression} + "/oauth/authorize" }}`,
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: `={{ ${tenantOriginExpression} + ${tokenEndpointExpression} }}`,
		},
		{
			// Krebit documents no scopes, so none is sent.
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			// Krebit documents no extra token request fields; the parent offers them for Client Credentials.
			displayName: 'Send Additional Body Properties',
			name: 'sendAdditionalBodyProperties',
			type: 'hidden',
			default: false,
		},
		{
			// Krebit reads client_id and client_secret from the token request body, not HTTP Basic.
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'body',
		},
	];
}
