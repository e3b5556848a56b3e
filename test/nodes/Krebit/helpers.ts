import type { ICredentialDataDecryptedObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { Krebit } from '../../../nodes/Krebit/Krebit.node';
import { authorizationCodeCredential, KrebitHarness } from '../../harness/krebit-harness';

export const KREBIT_NODE = 'n8n-nodes-krebit.krebit';

export function krebitHarness(credential: ICredentialDataDecryptedObject = authorizationCodeCredential()) {
	return new KrebitHarness(credential).registerNode(KREBIT_NODE, new Krebit());
}

/** Runs the Krebit node once with these parameters on `items` (default: one empty item). */
export async function runKrebit(
	parameters: INodeParameters,
	items?: INodeExecutionData[],
	options: { harness?: KrebitHarness; continueOnFail?: boolean } = {},
) {
	const harness = options.harness ?? krebitHarness();
	return await harness.runNode(KREBIT_NODE, parameters, items, options.continueOnFail ? { onError: 'continueRegularOutput' } : {});
}

/** What a user can read of an error: message, description and everything serialized. */
export function visibleText(error: unknown): string {
	const e = error as { message?: string; description?: string };
	return [e?.message, e?.description, JSON.stringify(error)].join('\n');
}
