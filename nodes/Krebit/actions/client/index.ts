import type { KrebitResource } from '../types';
import { getClient } from './get.operation';
import { getClientByOrgNumber } from './getByOrgNumber.operation';
import { getManyClients } from './getMany.operation';

export const clientResource: KrebitResource = {
	value: 'client',
	name: 'Client',
	defaultOperation: 'get',
	operations: [getClient, getManyClients, getClientByOrgNumber],
};
