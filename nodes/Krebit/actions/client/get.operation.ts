import { CLIENT } from '../../../shared/records';
import { getOperation } from '../getOperation';

export const getClient = getOperation(CLIENT, 'clientId', {
	action: 'Get a client',
	description: "Get a client's full profile",
	locator: 'The client to get',
});
