import type { KrebitResource } from '../types';
import { getAct } from './get.operation';
import { getActDataPoints } from './getDataPoints.operation';
import { getLatestAct } from './getLatest.operation';
import { getManyActs } from './getMany.operation';
import { updateActDataPoint } from './updateDataPoint.operation';
import { updateActDataPoints } from './updateDataPoints.operation';

export const actResource: KrebitResource = {
	value: 'act',
	name: 'Act',
	defaultOperation: 'get',
	operations: [getAct, getManyActs, getLatestAct, getActDataPoints, updateActDataPoint, updateActDataPoints],
};
