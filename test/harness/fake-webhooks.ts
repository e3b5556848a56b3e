/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test harness, never shipped: it yields to the event loop to shuffle concurrent requests */
import type { IDataObject } from 'n8n-workflow';
import nock from 'nock';

import { KREBIT } from './krebit-harness';

export interface FakeSubscription {
	id: number;
	event: string;
	target: string;
	secret: string;
}

export interface FakeWebhooksOptions {
	/** The n-th POST (1-based) is refused with 400, Krebit's field errors and a request id. */
	failCreateNumber?: number;
	/** Every DELETE answers 500. */
	failDelete?: boolean;
	/** Every list answers 500. */
	failList?: boolean;
	/** Each list page is answered after this many milliseconds, as a real Krebit takes a moment. */
	listDelayMs?: number;
	/**
	 * How many turns of the event loop "Krebit" takes before it handles each request (called
	 * once per request): concurrent callers then reach it in a shuffled but repeatable order.
	 */
	turns?: () => number;
	/** Ids for new subscriptions; unset: ids that grow by one, in the order Krebit makes them. */
	ids?: () => number;
}

type Reply = [number, string | IDataObject] | [number, string | IDataObject, Record<string, string>];

/** Lets `turns` turns of the event loop pass (how the fakes shuffle the order requests are handled in). */
export async function afterTurns(turns: number) {
	for (let turn = 0; turn < turns; turn++) await new Promise((resolve) => setImmediate(resolve));
}

/** Krebit's /webhooks as nock: create (returns the secret), list, delete; every call recorded. */
export class FakeWebhooks {
	readonly subscriptions: FakeSubscription[] = [];

	readonly calls: string[] = [];

	private nextId = 100;

	private creates = 0;

	constructor(private readonly options: FakeWebhooksOptions = {}) {
		nock(KREBIT)
			.post('/api/1.0/webhooks')
			.reply(this.handled((_uri, body) => this.create(body as IDataObject)))
			.persist();
		nock(KREBIT)
			.get('/api/1.0/webhooks')
			.query(true)
			.delay(this.options.listDelayMs ?? 0)
			.reply(
				this.handled((uri): Reply => {
					const page = Number(new URL(uri, KREBIT).searchParams.get('page') ?? 1);
					this.calls.push(`GET page ${page}`);
					if (this.options.failList) return [500, { message: 'Server Error' }];
					return [200, { data: page === 1 ? this.subscriptions.map((s) => ({ ...s })) : [] }];
				}),
			)
			.persist();
		nock(KREBIT)
			.delete(/^\/api\/1\.0\/webhooks\/\d+$/)
			.reply(
				this.handled((uri): Reply => {
					const id = Number(uri.split('/').pop());
					this.calls.push(`DELETE ${id}`);
					if (this.options.failDelete) return [500, { message: 'Server Error' }];
					const index = this.subscriptions.findIndex((s) => s.id === id);
					if (index === -1) return [404, { message: 'Not found.' }];
					this.subscriptions.splice(index, 1);
					return [204, ''];
				}),
			)
			.persist();
	}

	/** A nock reply that is worked out after `turns()` turns of the event loop, when asked for. */
	private handled(handle: (uri: string, body: unknown) => Reply) {
		return (uri: string, body: unknown, callback: (error: Error | null, reply: Reply) => void) => {
			void afterTurns(this.options.turns?.() ?? 0).then(() => callback(null, handle(uri, body)));
		};
	}

	private create(body: IDataObject): Reply {
		this.creates++;
		this.calls.push(`POST ${body.event}`);
		if (this.creates === this.options.failCreateNumber) {
			return [
				400,
				{ message: 'The given data was invalid.', errors: { event: ['The selected event is invalid.'] } },
				{ request_id: `req-create-${this.creates}` },
			];
		}
		const subscription = this.add(String(body.event), String(body.target));
		return [201, { data: { ...subscription } }];
	}

	/** A subscription that exists at "Krebit" without this workflow having made it now. */
	add(event: string, target: string): FakeSubscription {
		const subscription = {
			id: this.options.ids?.() ?? this.nextId++,
			event,
			target,
			secret: `whsec_${this.nextId}_${Math.random().toString(36).slice(2)}`,
		};
		this.subscriptions.push(subscription);
		return subscription;
	}

	/** Removes a subscription at "Krebit" behind the workflow's back. */
	removeBehindTheScenes(event: string) {
		const index = this.subscriptions.findIndex((s) => s.event === event);
		this.subscriptions.splice(index, 1);
	}

	/** What "Krebit" holds for these targets: `[event, target]` pairs, sorted. */
	held(filter: (target: string) => boolean = () => true): Array<[string, string]> {
		return this.subscriptions
			.filter((s) => filter(s.target))
			.map((s): [string, string] => [s.event, s.target])
			.sort((a, b) => a.join().localeCompare(b.join()));
	}
}
