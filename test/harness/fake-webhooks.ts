import type { IDataObject } from 'n8n-workflow';
import nock from 'nock';

import { KREBIT } from './krebit-harness';

export interface FakeSubscription {
	id: number;
	event: string;
	target: string;
	secret: string;
}

/** Krebit's /webhooks as nock: create (returns the secret), list, delete; every call recorded. */
export class FakeWebhooks {
	readonly subscriptions: FakeSubscription[] = [];

	readonly calls: string[] = [];

	private nextId = 100;

	private creates = 0;

	constructor(private readonly options: { failCreateNumber?: number; failDelete?: boolean } = {}) {
		nock(KREBIT)
			.post('/api/1.0/webhooks')
			.reply((_uri, body) => this.create(body as IDataObject))
			.persist();
		nock(KREBIT)
			.get('/api/1.0/webhooks')
			.query(true)
			.reply((uri) => {
				const page = Number(new URL(uri, KREBIT).searchParams.get('page') ?? 1);
				this.calls.push(`GET page ${page}`);
				return [200, { data: page === 1 ? this.subscriptions.map((s) => ({ ...s })) : [] }];
			})
			.persist();
		nock(KREBIT)
			.delete(/^\/api\/1\.0\/webhooks\/\d+$/)
			.reply((uri) => {
				const id = Number(uri.split('/').pop());
				this.calls.push(`DELETE ${id}`);
				if (this.options.failDelete) return [500, { message: 'Server Error' }];
				const index = this.subscriptions.findIndex((s) => s.id === id);
				if (index === -1) return [404, { message: 'Not found.' }];
				this.subscriptions.splice(index, 1);
				return [204, ''];
			})
			.persist();
	}

	private create(body: IDataObject): [number, IDataObject] {
		this.creates++;
		this.calls.push(`POST ${body.event}`);
		if (this.creates === this.options.failCreateNumber) {
			return [400, { message: 'The given data was invalid.', errors: { event: ['The selected event is invalid.'] } }];
		}
		const subscription = {
			id: this.nextId++,
			event: String(body.event),
			target: String(body.target),
			secret: `whsec_${this.nextId}_${Math.random().toString(36).slice(2)}`,
		};
		this.subscriptions.push(subscription);
		return [201, { data: { ...subscription } }];
	}

	/** Removes a subscription at "Krebit" behind the workflow's back. */
	removeBehindTheScenes(event: string) {
		const index = this.subscriptions.findIndex((s) => s.event === event);
		this.subscriptions.splice(index, 1);
	}
}
