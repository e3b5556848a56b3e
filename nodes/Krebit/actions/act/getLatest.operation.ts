import { CLIENT } from '../../../shared/records';
import { getOperation } from '../getOperation';

export const getLatestAct = getOperation(
	CLIENT,
	'clientId',
	{
		value: 'getLatest',
		name: 'Get Latest',
		action: "Get a client's latest act",
		description: "Get the client's most recent act (financial evaluation)",
		locator: 'The client whose latest act to get',
	},
	{
		what: 'the latest act of client',
		path: (id) => `/clients/${id}/acts/latest`,
		notFound: (id) => `Client ${id} has no act, or there is no such client in this Krebit organization`,
	},
);
