import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { tenantLabel, tenantOrigin } from '../../nodes/shared/tenant';

/**
 * A test-only node: one authenticated GET through `httpRequestWithAuthentication` and the
 * Krebit credential, to prove the credential against n8n-core without any of our node code.
 */
export class CredentialProbe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Credential Probe',
		name: 'credentialProbe',
		group: ['transform'],
		version: 1,
		description: 'GET a Krebit path with the Krebit credential',
		defaults: { name: 'Probe' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'krebitOAuth2Api', required: true }],
		usableAsTool: true,
		properties: [{ displayName: 'Path', name: 'path', type: 'string', default: '/api/1.0/me' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const credentials = await this.getCredentials('krebitOAuth2Api');
		const origin = tenantOrigin(tenantLabel(credentials.organization) ?? 'unknown');
		const output: INodeExecutionData[] = [];
		for (let i = 0; i < this.getInputData().length; i++) {
			const json = await this.helpers.httpRequestWithAuthentication.call(this, 'krebitOAuth2Api', {
				method: 'GET',
				url: origin + (this.getNodeParameter('path', i) as string),
				json: true,
			});
			output.push({ json, pairedItem: { item: i } });
		}
		return [output];
	}
}
