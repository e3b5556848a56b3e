import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import { krebitRequest, unwrapRecord } from '../../../shared/transport/request';
import type { KrebitOperation } from '../types';

export const MAX_MESSAGE_LENGTH = 400;

export const createSigning: KrebitOperation = {
	value: 'create',
	name: 'Create Draft',
	action: 'Create a draft signing',
	description: 'Create a draft signing in Krebit Sign; upload its documents next',
	properties: [
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. Credit agreement Bergström AB',
		},
		{
			displayName: 'Language',
			name: 'language',
			type: 'options',
			default: 'EN',
			options: [
				{ name: 'English', value: 'EN' },
				{ name: 'Swedish', value: 'SV' },
			],
			description: 'Language of the e-mails and signing pages the parties see',
		},
		{
			displayName: 'Signing Order',
			name: 'signingOrder',
			type: 'options',
			default: 'sequential',
			options: [
				{ name: 'Sequential', value: 'sequential', description: 'Parties sign one after another' },
				{ name: 'Parallel', value: 'parallel', description: 'All parties can sign at once' },
			],
		},
		{
			displayName: 'Message',
			name: 'message',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			description: `Optional message to the parties, at most ${MAX_MESSAGE_LENGTH} characters`,
		},
	],
	async execute(itemIndex) {
		const name = String(this.getNodeParameter('name', itemIndex, '')).trim();
		if (!name) {
			throw new NodeOperationError(this.getNode(), 'The signing needs a name', {
				description: `Fill in Name.`,
				itemIndex,
			});
		}
		const message = String(this.getNodeParameter('message', itemIndex, ''));
		if (message.length > MAX_MESSAGE_LENGTH) {
			throw new NodeOperationError(
				this.getNode(),
				`The message is ${message.length} characters; Krebit Sign allows at most ${MAX_MESSAGE_LENGTH}`,
				{ description: `Shorten Message by ${message.length - MAX_MESSAGE_LENGTH} characters.`, itemIndex },
			);
		}
		const body: IDataObject = {
			name,
			language: this.getNodeParameter('language', itemIndex, 'EN'),
			signing_order: this.getNodeParameter('signingOrder', itemIndex, 'sequential'),
		};
		if (message.trim()) body.message = message;
		const created = await krebitRequest(this, {
			method: 'POST',
			path: '/signings',
			body,
			itemIndex,
			action: 'Create a draft signing',
			expect: 'record',
		});
		return unwrapRecord(created);
	},
};
