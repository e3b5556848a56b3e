import type { KrebitResource } from '../types';
import { addSigningRecipient } from './addRecipient.operation';
import { cancelSigning } from './cancel.operation';
import { createSigning } from './create.operation';
import { downloadSigningDocument } from './downloadDocument.operation';
import { getSigning } from './get.operation';
import { getManySignings } from './getMany.operation';
import { getManySigningDocuments } from './getManyDocuments.operation';
import { getManySigningRecipients } from './getManyRecipients.operation';
import { removeSigningRecipient } from './removeRecipient.operation';
import { sendSigning } from './send.operation';
import { sendSigningReminder } from './sendReminder.operation';
import { uploadSigningDocument } from './uploadDocument.operation';

export const signingResource: KrebitResource = {
	value: 'signing',
	name: 'Signing',
	defaultOperation: 'create',
	operations: [
		createSigning,
		getSigning,
		getManySignings,
		uploadSigningDocument,
		addSigningRecipient,
		getManySigningRecipients,
		removeSigningRecipient,
		sendSigning,
		sendSigningReminder,
		cancelSigning,
		getManySigningDocuments,
		downloadSigningDocument,
	],
};
