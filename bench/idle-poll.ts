/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- dev-only bench, never shipped: it prints */
import './env';

import type { IDataObject } from 'n8n-workflow';
import nock from 'nock';

import { KrebitPollingTrigger } from '../nodes/KrebitPollingTrigger/KrebitPollingTrigger.node';
import { act, client, FakeClock, FakeFeed, signing, type FeedOptions } from '../test/harness/fake-feed';
import { KrebitHarness } from '../test/harness/krebit-harness';
import { PollerUnderTest } from '../test/harness/poll';

/**
 * How many requests the Krebit Polling Trigger sends, per event, over a 10,000-record list that
 * Krebit hands out 50 per page: at activation, in an idle poll (nothing new), and in a poll
 * after one new record, for each list order, with and without `meta`. n8n-core's real
 * PollContext and PollTriggerExecutor, nock as Krebit. See bench/README.md.
 *
 *   npx tsc -p bench/tsconfig.json && node node_modules/.krebit-bench/build/bench/idle-poll.js [--records 10000]
 */

const recordsArgument = process.argv.indexOf('--records');
const RECORDS = recordsArgument > 0 ? Number(process.argv[recordsArgument + 1]) : 10_000;
const TRIGGER = 'n8n-nodes-krebit.krebitPollingTrigger';

interface Case {
	event: string;
	path: string;
	orderBy: FeedOptions['orderBy'];
	make: (clock: FakeClock, n: number) => IDataObject;
}

const CASES: Case[] = [
	{ event: 'newAct', path: '/acts', orderBy: 'created_at', make: (clock) => act(clock) },
	{ event: 'newClient', path: '/clients', orderBy: 'id', make: (_clock, n) => client(n) },
	{ event: 'newSigning', path: '/signings', orderBy: 'created_at', make: (clock) => signing(clock, 'sent') },
	{ event: 'signingStatusChanged', path: '/signings', orderBy: 'created_at', make: (clock) => signing(clock, 'sent') },
];

async function measure(one: Case, order: FeedOptions['order'], meta: boolean) {
	nock.cleanAll();
	const clock = new FakeClock(Date.now() - (RECORDS + 10) * 60_000);
	const krebit = new FakeFeed(one.path, { order, orderBy: one.orderBy, meta });
	krebit.add(...Array.from({ length: RECORDS }, (_, i) => one.make(clock, i + 1)));
	const harness = new KrebitHarness();
	harness.registerNode(TRIGGER, new KrebitPollingTrigger());
	const node = harness.node(TRIGGER, { pollTimes: { item: [{ mode: 'everyMinute' }] }, event: one.event }, 'Krebit Polling Trigger');
	const trigger = new PollerUnderTest(harness.nodeTypes, harness.credentials, node);

	const failed = (outcome: { error?: Error }) => {
		if (outcome.error) throw outcome.error;
	};
	failed(await trigger.activate());
	const activation = krebit.takePages().length;
	failed(await trigger.poll());
	const idle = krebit.takePages().length;
	if (one.event === 'signingStatusChanged') krebit.update(krebit.records[0].id as string, { status: 'completed', updated_at: clock.tick() });
	else krebit.add(one.make(clock, RECORDS + 1));
	const emitted = (await trigger.poll()).items?.length ?? 0;
	const afterOne = krebit.takePages().length;
	return { activation, idle, afterOne, emitted };
}

async function main() {
	nock.disableNetConnect();
	console.log(`Krebit Polling Trigger, ${RECORDS.toLocaleString('en-US')} records, 50 per page: requests per poll`);
	console.log('| event | list order | meta | activation | idle poll | poll after 1 new/changed (items) |');
	console.log('|---|---|---|---|---|---|');
	for (const one of CASES) {
		for (const order of ['newestFirst', 'oldestFirst'] as const) {
			for (const meta of [true, false]) {
				const { activation, idle, afterOne, emitted } = await measure(one, order, meta);
				console.log(`| ${one.event} | ${order} | ${meta ? 'yes' : 'no'} | ${activation} | ${idle} | ${afterOne} (${emitted}) |`);
			}
		}
	}
	nock.restore();
}

void main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
