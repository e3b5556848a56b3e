import { krebitRequest, unwrapRecord } from '../../../shared/transport/request';
import type { KrebitOperation } from '../types';

export const getCurrentUser: KrebitOperation = {
	value: 'getCurrent',
	name: 'Get Current',
	action: 'Get the current user',
	description: 'Get the Krebit user (and organization) the credential acts as',
	properties: [],
	async execute(itemIndex) {
		const body = await krebitRequest(this, { method: 'GET', path: '/me', itemIndex, action: 'Get the current user', expect: 'record' });
		return unwrapRecord(body);
	},
};
