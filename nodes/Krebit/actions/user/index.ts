import type { KrebitResource } from '../types';
import { getCurrentUser } from './getCurrent.operation';

export const userResource: KrebitResource = {
	value: 'user',
	name: 'User',
	defaultOperation: 'getCurrent',
	operations: [getCurrentUser],
};
