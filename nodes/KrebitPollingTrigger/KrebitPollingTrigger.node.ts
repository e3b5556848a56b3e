import {
	NodeConnectionTypes,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { recordLocator } from '../shared/recordLocator';
import { CLIENT } from '../shared/records';
import { listSearch } from '../Krebit/methods/listSearch';
import { POLL_EVENT_OPTIONS, POLL_EVENT_SUBTITLE } from './catalogue';
import { fetchTestEvent, pollChoice, pollForEvents } from './runPoll';

export class KrebitPollingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Krebit Polling Trigger',
		name: 'krebitPollingTrigger',
		icon: { light: 'file:krebit.svg', dark: 'file:krebit.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: POLL_EVENT_SUBTITLE,
		description:
			'Starts the workflow when Krebit has new acts, clients or signings, or a signing changed status, by asking Krebit at the poll times (no webhook: works when Krebit cannot reach n8n)',
		defaults: { name: 'Krebit Polling Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'krebitOAuth2Api', required: true }],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				options: POLL_EVENT_OPTIONS,
				default: 'newAct',
				description: 'What to watch for. Each poll emits what appeared since the previous one, oldest first.',
			},
			{
				...recordLocator(CLIENT, 'clientId', 'Only acts of this client. Leave empty for every client.', { optional: true }),
				displayOptions: { show: { event: ['newAct'] } },
			},
			{
				displayName:
					'The first poll after activation only notes what is in Krebit now; from then on each poll emits what is new. Every poll costs one or more Krebit requests (Signing Status Changed reads the whole signing list).',
				name: 'notice',
				type: 'notice',
				default: '',
			},
		],
	};

	methods = { listSearch: { searchClients: listSearch.searchClients } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const choice = pollChoice(this);
		if (this.getMode() === 'manual') return await fetchTestEvent(this, choice);
		return await pollForEvents(this, choice);
	}
}
