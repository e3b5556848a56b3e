import { getAdditionalKeys } from 'n8n-core';
import {
	ICredentialsHelper,
	NodeHelpers,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentials,
	type ICredentialsExpressionResolveValues,
	type IExecuteData,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeParameters,
	type INodeProperties,
	type INodeTypes,
	type IWorkflowDataProxyAdditionalKeys,
	type IWorkflowExecuteAdditionalData,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import { CredentialTypeRegistry } from './credential-types';

/** Hidden OAuth fields n8n 2.41 always takes from the credential type, never from storage. */
const PINNED_OAUTH_FIELDS = ['authUrl', 'accessTokenUrl', 'grantType', 'authentication'];

const expressionHost: INode = {
	id: 'credential-expression-host',
	name: '',
	type: 'harness.credentialExpressionHost',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

const noNodeTypes: INodeTypes = {
	getByName: () => undefined as never,
	getByNameAndVersion: () => undefined as never,
	getKnownTypes: () => ({}),
};

/**
 * Evaluates a credential's expressions with `$self` bound to its own data, in a throwaway
 * workflow: what n8n does in hook and webhook contexts and when it builds the Connect URL.
 */
export function resolveWithThrowawayWorkflow(
	data: ICredentialDataDecryptedObject,
	mode: WorkflowExecuteMode = 'internal',
	additionalKeys: IWorkflowDataProxyAdditionalKeys = {},
): ICredentialDataDecryptedObject {
	const workflow = new Workflow({ nodes: [expressionHost], connections: {}, active: false, nodeTypes: noNodeTypes });
	return workflow.expression.getComplexParameterValue(
		expressionHost,
		data as INodeParameters,
		mode,
		additionalKeys,
		undefined,
		undefined,
		data,
	) as ICredentialDataDecryptedObject;
}

export interface OAuthTokenUpdate {
	credentialId: string;
	oauthTokenData: ICredentialDataDecryptedObject;
}

/**
 * Does what n8n's CLI CredentialsHelper does for a stored credential, minus the database and
 * encryption: merges the parents' properties with the type's own, fills defaults, evaluates
 * expression defaults with `$self` bound to the credential's data, and keeps OAuth token
 * updates. Every token update n8n-core persists is recorded in `tokenUpdates`.
 */
export class HarnessCredentialsHelper extends ICredentialsHelper {
	readonly tokenUpdates: OAuthTokenUpdate[] = [];

	private readonly stored = new Map<string, { type: string; data: ICredentialDataDecryptedObject }>();

	constructor(private readonly registry = new CredentialTypeRegistry()) {
		super();
	}

	/** Stores a credential as n8n would after the user saved (and connected) it. */
	store(id: string, type: string, data: ICredentialDataDecryptedObject): void {
		this.stored.set(id, { type, data: structuredClone(data) });
	}

	/** The credential's data as stored now (what n8n would have in its database). */
	storedData(id: string): ICredentialDataDecryptedObject {
		const entry = this.stored.get(id);
		if (!entry) throw new Error(`No credential "${id}" in the test harness`);
		return structuredClone(entry.data);
	}

	getParentTypes(name: string): string[] {
		return this.registry.parentTypes(name);
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = this.registry.get(typeName);
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		return requestOptions;
	}

	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('getCredentials (encrypted entity access) is not used by OAuth2 credentials');
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		const credentialType = this.registry.get(type);
		if (!credentialType.extends) {
			if (type === 'oAuth2Api') {
				return [
					...credentialType.properties,
					{ displayName: 'oauthTokenData', name: 'oauthTokenData', type: 'json', default: {} },
				];
			}
			return credentialType.properties;
		}
		const merged: INodeProperties[] = [];
		for (const parent of credentialType.extends) {
			NodeHelpers.mergeNodeProperties(merged, this.getCredentialsProperties(parent));
		}
		NodeHelpers.mergeNodeProperties(merged, credentialType.properties);
		return merged;
	}

	async getDecrypted(
		additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		raw?: boolean,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const entry = nodeCredentials.id ? this.stored.get(nodeCredentials.id) : undefined;
		if (!entry || entry.type !== type) {
			throw new Error(`Credential with ID "${nodeCredentials.id}" does not exist for type "${type}".`);
		}
		const original = structuredClone(entry.data);
		if (raw === true) return original;

		const properties = this.getCredentialsProperties(type);
		const withoutPinned = { ...original };
		for (const field of PINNED_OAUTH_FIELDS) {
			if (properties.some((p) => p.name === field && p.type === 'hidden')) delete withoutPinned[field];
		}
		let data = NodeHelpers.getNodeParameters(
			properties,
			withoutPinned as INodeParameters,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;
		if (original.oauthTokenData !== undefined) data.oauthTokenData = original.oauthTokenData;

		const additionalKeys = getAdditionalKeys(additionalData, mode, null, { isCredential: true });
		if (expressionResolveValues) {
			const { workflow, runExecutionData, runIndex, itemIndex, node, connectionInputData } =
				expressionResolveValues;
			data = workflow.expression.getParameterValue(
				data as INodeParameters,
				runExecutionData,
				runIndex,
				itemIndex,
				node.name,
				connectionInputData,
				mode,
				additionalKeys,
				executeData,
				false,
				data,
			) as ICredentialDataDecryptedObject;
		} else {
			data = resolveWithThrowawayWorkflow(data, mode, additionalKeys);
		}
		return data;
	}

	async updateCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		if (!nodeCredentials.id) throw new Error('updateCredentials without a credential id');
		this.store(nodeCredentials.id, type, data);
	}

	async updateCredentialsOauthTokenData(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const id = nodeCredentials.id;
		const entry = id ? this.stored.get(id) : undefined;
		if (!id || !entry || entry.type !== type) throw new Error(`No credential "${id}" to update`);
		const oauthTokenData = structuredClone(data.oauthTokenData) as ICredentialDataDecryptedObject;
		entry.data.oauthTokenData = oauthTokenData;
		this.tokenUpdates.push({ credentialId: id, oauthTokenData: structuredClone(oauthTokenData) });
	}
}
