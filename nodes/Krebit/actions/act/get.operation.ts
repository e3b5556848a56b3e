import { ACT } from '../../../shared/records';
import { getOperation } from '../getOperation';

export const getAct = getOperation(ACT, 'actId', {
	action: 'Get an act',
	description: 'Get one act (credit evaluation) by its UUID',
	locator: 'The act (credit evaluation) to get',
});
