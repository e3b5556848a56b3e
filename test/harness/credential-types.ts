import type { ICredentialType } from 'n8n-workflow';

import { KrebitOAuth2Api } from '../../credentials/KrebitOAuth2Api.credentials';
import { OAuth2ApiParent } from './oauth2-parent';

/** The credential types the harness knows, by name, as n8n's loader would list them. */
export class CredentialTypeRegistry {
	private readonly types = new Map<string, ICredentialType>();

	constructor(types: ICredentialType[] = [new OAuth2ApiParent(), new KrebitOAuth2Api()]) {
		for (const type of types) this.types.set(type.name, type);
	}

	get(name: string): ICredentialType {
		const type = this.types.get(name);
		if (!type) throw new Error(`Unknown credential type "${name}" in the test harness`);
		return type;
	}

	/** Every ancestor, nearest first, walking `extends` recursively as n8n's CredentialTypes does. */
	parentTypes(name: string): string[] {
		const parents = this.get(name).extends ?? [];
		return parents.flatMap((parent) => [parent, ...this.parentTypes(parent)]);
	}
}
