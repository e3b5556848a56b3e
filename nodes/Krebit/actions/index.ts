import { actResource } from './act';
import { clientResource } from './client';
import { signingResource } from './signing';
import { templateResource } from './template';
import type { KrebitResource } from './types';
import { userResource } from './user';
import { webhookResource } from './webhook';

/** Every resource of the Krebit node, in the order the node lists them. */
export const resources: KrebitResource[] = [
	actResource,
	clientResource,
	signingResource,
	templateResource,
	userResource,
	webhookResource,
];
