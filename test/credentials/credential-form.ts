import {
	NodeHelpers,
	type ICredentialDataDecryptedObject,
	type INodeProperties,
	type INodeParameters,
} from 'n8n-workflow';

import { KrebitOAuth2Api } from '../../credentials/KrebitOAuth2Api.credentials';
import { OAuth2ApiParent } from '../harness/oauth2-parent';

/**
 * The fields of n8n 2.41's `oAuth2Api` in the order n8n-nodes-base declares them: the harness's
 * stand-in plus the fields it leaves out because they change nothing at run time (Server URL of
 * dynamic client registration, the additional body properties of client credentials).
 */
function parentFields(): INodeProperties[] {
	const fields = [...new OAuth2ApiParent().properties];
	const at = (name: string) => fields.findIndex((field) => field.name === name);
	fields.splice(at('grantType') + 1, 0, {
		displayName: 'Server URL',
		name: 'serverUrl',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { useDynamicClientRegistration: [true] } },
	});
	fields.splice(
		at('authentication') + 1,
		0,
		{
			displayName: 'Send Additional Body Properties',
			name: 'sendAdditionalBodyProperties',
			type: 'boolean',
			default: false,
			displayOptions: {
				show: { grantType: ['clientCredentials'], authentication: ['body'], useDynamicClientRegistration: [false] },
			},
		},
		{
			displayName: 'Additional Body Properties',
			name: 'additionalBodyProperties',
			type: 'json',
			default: '',
			displayOptions: {
				show: {
					grantType: ['clientCredentials'],
					authentication: ['body'],
					sendAdditionalBodyProperties: [true],
					useDynamicClientRegistration: [false],
				},
			},
		},
	);
	return fields;
}

/** What n8n's loader appends to every credential that can authenticate HTTP requests. */
function withDomainRestriction(fields: INodeProperties[]): INodeProperties[] {
	if (fields.some((field) => field.name === 'allowedHttpRequestDomains')) return fields;
	return [
		...fields,
		{
			displayName: 'Allowed HTTP Request Domains',
			name: 'allowedHttpRequestDomains',
			type: 'options',
			options: [
				{ name: 'All', value: 'all' },
				{ name: 'Specific Domains', value: 'domains' },
				{ name: 'None', value: 'none' },
			],
			default: 'all',
		},
		{
			displayName: 'Allowed Domains',
			name: 'allowedDomains',
			type: 'string',
			default: '',
			displayOptions: { show: { allowedHttpRequestDomains: ['domains'] } },
		},
	];
}

/**
 * The Krebit credential's fields as n8n's credential form lists them: the parent's fields
 * (with the loader's domain fields), then the credential's own merged in with n8n-workflow's
 * `mergeNodeProperties` (a field the parent has keeps the parent's place; a new one is added
 * at the end), as n8n's editor and CredentialsHelper do.
 */
export function credentialFormFields(): INodeProperties[] {
	const merged: INodeProperties[] = [];
	NodeHelpers.mergeNodeProperties(merged, withDomainRestriction(parentFields()));
	NodeHelpers.mergeNodeProperties(merged, withDomainRestriction(new KrebitOAuth2Api().properties));
	return merged;
}

/** The fields a user sees for these values, in order: not hidden, display rules met. */
export function visibleFields(values: ICredentialDataDecryptedObject): INodeProperties[] {
	const fields = credentialFormFields();
	const withDefaults: INodeParameters = {};
	for (const field of fields) withDefaults[field.name] = (values[field.name] ?? field.default) as INodeParameters[string];
	return fields.filter(
		(field) => field.type !== 'hidden' && NodeHelpers.displayParameter(withDefaults, field, null, null),
	);
}
