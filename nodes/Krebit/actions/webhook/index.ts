import type { KrebitResource } from '../types';
import { createWebhook } from './create.operation';
import { deleteWebhook } from './delete.operation';
import { getManyWebhooks } from './getMany.operation';

export const webhookResource: KrebitResource = {
	value: 'webhook',
	name: 'Webhook',
	defaultOperation: 'create',
	operations: [createWebhook, getManyWebhooks, deleteWebhook],
};
