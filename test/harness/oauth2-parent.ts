import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * The parent credential `oAuth2Api` as n8n ships it in n8n-nodes-base (not installed here: it
 * pulls in every integration's SDK). Only what changes how n8n-core runs OAuth2 is kept: the
 * field names, types, defaults and display rules of n8n 2.41. Notably its `authentication`
 * default is `header` (HTTP Basic): our credential must override it.
 */
const properties: INodeProperties[] = [
	{ displayName: 'Use Dynamic Client Registration', name: 'useDynamicClientRegistration', type: 'hidden', default: false },
	{
		displayName: 'Grant Type',
		name: 'grantType',
		type: 'options',
		options: [
			{ name: 'Authorization Code', value: 'authorizationCode' },
			{ name: 'Client Credentials', value: 'clientCredentials' },
			{ name: 'PKCE', value: 'pkce' },
		],
		default: 'authorizationCode',
		displayOptions: { show: { useDynamicClientRegistration: [false] } },
	},
	{
		displayName: 'Authorization URL',
		name: 'authUrl',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { grantType: ['authorizationCode', 'pkce'], useDynamicClientRegistration: [false] } },
	},
	{
		displayName: 'Access Token URL',
		name: 'accessTokenUrl',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { useDynamicClientRegistration: [false] } },
	},
	{
		displayName: 'Client ID',
		name: 'clientId',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { useDynamicClientRegistration: [false] } },
	},
	{
		displayName: 'Client Secret',
		name: 'clientSecret',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		displayOptions: { show: { useDynamicClientRegistration: [false] } },
	},
	{
		displayName: 'Scope',
		name: 'scope',
		type: 'string',
		default: '',
		displayOptions: { show: { useDynamicClientRegistration: [false] } },
	},
	{
		displayName: 'Auth URI Query Parameters',
		name: 'authQueryParameters',
		type: 'string',
		default: '',
		displayOptions: { show: { grantType: ['authorizationCode', 'pkce'], useDynamicClientRegistration: [false] } },
	},
	{
		displayName: 'Authentication',
		name: 'authentication',
		type: 'options',
		options: [
			{ name: 'Body', value: 'body' },
			{ name: 'Header', value: 'header' },
		],
		default: 'header',
		displayOptions: { show: { useDynamicClientRegistration: [false] } },
	},
	{ displayName: 'Ignore SSL Issues (Insecure)', name: 'ignoreSSLIssues', type: 'boolean', default: false, doNotInherit: true },
	{ displayName: 'Token Expired Status Code', name: 'tokenExpiredStatusCode', type: 'number', default: 401, doNotInherit: true },
];

export class OAuth2ApiParent implements ICredentialType {
	name = 'oAuth2Api';

	displayName = 'OAuth2 API';

	genericAuth = true;

	properties = properties;
}
