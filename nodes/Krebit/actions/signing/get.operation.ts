import { SIGNING } from '../../../shared/records';
import { getOperation } from '../getOperation';

export const getSigning = getOperation(SIGNING, 'signingId', {
	action: 'Get a signing',
	description: 'Get one signing',
	locator: 'The signing to get',
});
