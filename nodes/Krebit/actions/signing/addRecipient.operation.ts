import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import { krebitRequest, unwrapRecord } from '../../../shared/transport/request';
import { idParameter } from '../common';
import { recordLocator } from '../../../shared/recordLocator';
import { SIGNING } from '../../../shared/records';
import type { KrebitOperation } from '../types';
import { changeSigning } from './refusals';

/** Field names Krebit's recipient already gets from the parameters above the collection. */
const OWN_FIELDS = new Set(['name', 'email', 'order']);

/** A plausible e-mail address: something@domain.tld, no spaces. Krebit checks the rest. */
export function looksLikeEmail(value: string): boolean {
	return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
}

export const addSigningRecipient: KrebitOperation = {
	value: 'addRecipient',
	name: 'Add Recipient',
	action: 'Add a recipient to a signing',
	description: 'Add a person who signs to a draft signing',
	properties: [
		recordLocator(SIGNING, 'signingId', 'The draft signing to add the recipient to'),
		{
			displayName: 'Name',
			name: 'recipientName',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. Anna Lindqvist',
			description: 'Full name of the person who signs',
		},
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. name@email.com',
			description: 'E-mail address Krebit sends the invitation to',
		},
		{
			displayName: 'Position',
			name: 'order',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 0 },
			default: 0,
			description:
				'Where this person signs when the signing order is Sequential: 1 signs first. 0 leaves it to Krebit (after the recipients added before).',
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'fixedCollection',
			placeholder: 'Add Field',
			default: {},
			typeOptions: { multipleValues: true },
			description:
				'Other recipient fields Krebit takes, such as identification rules, sent as they are (for example "identification" = "bankid")',
			options: [
				{
					displayName: 'Field',
					name: 'field',
					values: [
						{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'e.g. identification' },
						{ displayName: 'Value', name: 'value', type: 'string', default: '', placeholder: 'e.g. bankid' },
					],
				},
			],
		},
	],
	async execute(itemIndex) {
		const signingId = idParameter.call(this, 'signingId', itemIndex, SIGNING);
		const name = String(this.getNodeParameter('recipientName', itemIndex, '') ?? '').trim();
		const email = String(this.getNodeParameter('email', itemIndex, '') ?? '').trim();
		if (!name) {
			throw new NodeOperationError(this.getNode(), 'The recipient needs a name', { description: 'Fill in Name.', itemIndex });
		}
		if (!looksLikeEmail(email)) {
			throw new NodeOperationError(this.getNode(), `${JSON.stringify(email.slice(0, 80))} is not an e-mail address`, {
				description: 'Fill in Email with the address Krebit should send the invitation to. Nothing was sent to Krebit.',
				itemIndex,
			});
		}
		const body: IDataObject = { name, email };
		const order = Number(this.getNodeParameter('order', itemIndex, 0) ?? 0);
		if (!Number.isInteger(order) || order < 0) {
			throw new NodeOperationError(this.getNode(), `Position ${JSON.stringify(order)} is not a whole number of 0 or more`, {
				description: 'Set Position to 1 for the first signer, 2 for the second, or 0 to leave it to Krebit.',
				itemIndex,
			});
		}
		if (order > 0) body.order = order;
		const extra = this.getNodeParameter('additionalFields.field', itemIndex, []) as Array<{ name?: string; value?: unknown }>;
		for (const field of extra) {
			const key = String(field.name ?? '').trim();
			if (!key) continue;
			if (OWN_FIELDS.has(key)) {
				throw new NodeOperationError(this.getNode(), `Additional field "${key}" repeats a parameter`, {
					description: `Set ${key === 'order' ? 'Position' : key === 'name' ? 'Name' : 'Email'} above instead.`,
					itemIndex,
				});
			}
			body[key] = field.value as IDataObject[string];
		}
		const created = await changeSigning(this, signingId, itemIndex, `add ${name} to the signing`, async () =>
			await krebitRequest(this, {
				method: 'POST',
				path: `/signings/${signingId}/recipients`,
				body,
				itemIndex,
				action: `Add recipient ${email} to signing ${signingId}`,
				notFound: `No signing with ID ${signingId} in this Krebit organization`,
			}),
		);
		return unwrapRecord(created);
	},
};
