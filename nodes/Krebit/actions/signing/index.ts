import type { KrebitResource } from '../types';
import { createSigning } from './create.operation';
import { getSigning } from './get.operation';
import { getManySignings } from './getMany.operation';
import { uploadSigningDocument } from './uploadDocument.operation';

export const signingResource: KrebitResource = {
	value: 'signing',
	name: 'Signing',
	defaultOperation: 'create',
	operations: [createSigning, getSigning, getManySignings, uploadSigningDocument],
};
