import type { ICredentialDataDecryptedObject, INode, INodeExecutionData, INodeType } from 'n8n-workflow';

import { HarnessCredentialsHelper } from './credentials-helper';
import { CREDENTIAL_ID, CREDENTIAL_NAME, HarnessNodeTypes, runWorkflow, type WorkflowRun } from './engine';
import { CredentialProbe } from './probe-node';

export const TENANT = 'acme';
export const KREBIT = `https://${TENANT}.krebit.se`;
export const CLIENT_ID = 'client-id-123';
export const CLIENT_SECRET = 'client-secret-never-shown';

/** A connected Authorization Code credential, as n8n stores it after "Connect". */
export function authorizationCodeCredential(
	overrides: ICredentialDataDecryptedObject = {},
): ICredentialDataDecryptedObject {
	return {
		organization: TENANT,
		grantType: 'authorizationCode',
		clientId: CLIENT_ID,
		clientSecret: CLIENT_SECRET,
		oauthTokenData: {
			access_token: 'access-1',
			refresh_token: 'refresh-1',
			token_type: 'Bearer',
			expires_in: 3600,
		},
		...overrides,
	};
}

export function clientCredentialsCredential(
	overrides: ICredentialDataDecryptedObject = {},
): ICredentialDataDecryptedObject {
	return {
		organization: TENANT,
		grantType: 'clientCredentials',
		clientId: CLIENT_ID,
		clientSecret: CLIENT_SECRET,
		...overrides,
	};
}

/**
 * One n8n "instance" for a test: node types, one stored Krebit credential, and a way to run a
 * node of ours through n8n-core's engine with items as its input.
 */
export class KrebitHarness {
	readonly credentials = new HarnessCredentialsHelper();

	readonly nodeTypes = new HarnessNodeTypes();

	constructor(credential: ICredentialDataDecryptedObject = authorizationCodeCredential()) {
		this.credentials.store(CREDENTIAL_ID, 'krebitOAuth2Api', credential);
		this.nodeTypes.register('harness.credentialProbe', new CredentialProbe());
	}

	registerNode(fullName: string, nodeType: INodeType): this {
		this.nodeTypes.register(fullName, nodeType);
		return this;
	}

	/** A workflow node using the stored Krebit credential, at the version the editor gives a new one. */
	node(type: string, parameters: INode['parameters'], name = 'Krebit'): INode {
		return {
			id: `${name}-id`,
			name,
			type,
			typeVersion: this.nodeTypes.newVersionOf(type),
			position: [0, 0],
			parameters,
			credentials: { krebitOAuth2Api: { id: CREDENTIAL_ID, name: CREDENTIAL_NAME } },
		};
	}

	/** Runs one node with `items` (default: one empty item) as its input. */
	async runNode(
		type: string,
		parameters: INode['parameters'],
		items?: INodeExecutionData[],
		extra: Partial<INode> = {},
	): Promise<WorkflowRun & { node: INode }> {
		const node = { ...this.node(type, parameters), ...extra };
		const run = await runWorkflow(this.nodeTypes, this.credentials, {
			nodes: [node],
			startNode: node.name,
			items,
		});
		return { ...run, node };
	}

	storedToken(): ICredentialDataDecryptedObject {
		return this.credentials.storedData(CREDENTIAL_ID).oauthTokenData as ICredentialDataDecryptedObject;
	}
}
