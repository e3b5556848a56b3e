import { forgetRememberedSets } from '../../../nodes/KrebitTrigger/inProcess';
import { REPAIR_INTERVAL_MS } from '../../../nodes/KrebitTrigger/repair';
import { FakeWebhooks } from '../../harness/fake-webhooks';
import type { TriggerUnderTest } from '../../harness/trigger';
import { activeTrigger, delivery, PRODUCTION_URL, signed, stored, THREE_EVENTS, trigger, wipeStaticData } from './helpers';

/** What the trigger writes to n8n's own log from now on. */
function recordLog(t: TriggerUnderTest) {
	const logger = t.n8nLogger();
	const info = jest.spyOn(logger, 'info');
	const warn = jest.spyOn(logger, 'warn');
	const lines = () => [...info.mock.calls, ...warn.mock.calls].map(([message]) => String(message)).filter((m) => m.includes('Krebit Trigger'));
	return { info, warn, lines };
}

afterEach(() => jest.restoreAllMocks());

/**
 * An active trigger whose static data was then wiped, and n8n started again (so no process
 * remembers the set it made); the secret Krebit still signs with.
 */
async function wipedTrigger() {
	const active = await activeTrigger();
	const oldSecret = active.secretOf('act.created');
	const oldIds = active.krebit.subscriptions.map((s) => s.id);
	wipeStaticData(active.t);
	forgetRememberedSets();
	active.krebit.calls.length = 0;
	return { ...active, oldSecret, oldIds };
}

describe('a production trigger that lost its stored subscriptions repairs itself at the next delivery', () => {
	test('401 to the delivery, fresh subscriptions at Krebit, new secrets stored, the next delivery accepted', async () => {
		const { t, krebit, oldSecret, oldIds } = await wipedTrigger();
		const log = recordLog(t);

		const refused = delivery('lost-1');
		const answer = await t.deliver(refused, signed(oldSecret, refused));

		expect(answer.status).toBe(401);
		expect(answer.started).toBeUndefined();
		// A repair's targets carry the time it started (how concurrent repairs tell their sets apart).
		const held = krebit.held().map(([event, target]) => [event, target.replace(/&n8n_repair=\d+$/, '')]);
		expect(held).toEqual(THREE_EVENTS.map((e): [string, string] => [e, PRODUCTION_URL]).sort((a, b) => a.join().localeCompare(b.join())));
		expect(krebit.subscriptions.every((s) => /&n8n_repair=\d+$/.test(s.target))).toBe(true);
		expect(krebit.subscriptions.some((s) => oldIds.includes(s.id))).toBe(false);
		expect(stored(t).map((s) => s.secret).sort()).toEqual(krebit.subscriptions.map((s) => s.secret).sort());
		expect(typeof t.nodeStaticData().lastRepairAt).toBe('number');

		const next = delivery('lost-2');
		const newSecret = krebit.subscriptions.find((s) => s.event === 'act.created')!.secret;
		expect((await t.deliver(next, signed(newSecret, next))).started).toHaveLength(1);

		expect(log.lines()).toEqual([
			expect.stringMatching(/^Krebit Trigger "Krebit Trigger" had no stored webhook secrets.*removed 3 .* made 3 new/),
		]);
		for (const secret of [oldSecret, ...krebit.subscriptions.map((s) => s.secret)]) {
			expect(log.lines().join('\n')).not.toContain(secret);
		}
	});

	test('a second refused delivery within 10 minutes does not repair again: it takes the set the repair made', async () => {
		const { t, krebit, oldSecret } = await wipedTrigger();
		const first = delivery('again-1');
		await t.deliver(first, signed(oldSecret, first));
		const repaired = stored(t);
		// Another request of this process loaded the workflow before the repair was saved.
		wipeStaticData(t);
		krebit.calls.length = 0;

		const second = delivery('again-2');
		const answer = await t.deliver(second, signed(oldSecret, second));

		expect(answer.status).toBe(401);
		expect(krebit.calls.filter((c) => !c.startsWith('GET'))).toEqual([]);
		expect(stored(t)).toEqual(repaired);
	});

	test('forged deliveries while the static data has no secrets look at Krebit\'s list at most once a minute', async () => {
		const { t, krebit, oldSecret } = await wipedTrigger();
		const first = delivery('flood-0');
		await t.deliver(first, signed(oldSecret, first));
		krebit.calls.length = 0;
		for (let n = 1; n <= 20; n++) {
			wipeStaticData(t);
			const forged = delivery(`flood-${n}`);
			expect((await t.deliver(forged, signed('not-the-secret', forged))).status).toBe(401);
		}
		// One read of the list (its pages), nothing made or deleted.
		expect(krebit.calls.filter((c) => c === 'GET page 1')).toHaveLength(1);
		expect(krebit.calls.filter((c) => !c.startsWith('GET'))).toEqual([]);
	});

	test('a repair recorded in static data 5 minutes ago (by any process) holds the next one off', async () => {
		const { t, krebit, oldSecret } = await wipedTrigger();
		t.nodeStaticData().lastRepairAt = Date.now() - REPAIR_INTERVAL_MS / 2;
		const body = delivery('recent-1');
		expect((await t.deliver(body, signed(oldSecret, body))).status).toBe(401);
		expect(krebit.calls).toEqual([]);
	});

	test('a repair recorded more than 10 minutes ago does not', async () => {
		const { t, krebit, oldSecret } = await wipedTrigger();
		t.nodeStaticData().lastRepairAt = Date.now() - REPAIR_INTERVAL_MS - 1000;
		const body = delivery('old-1');
		expect((await t.deliver(body, signed(oldSecret, body))).status).toBe(401);
		expect(krebit.calls.filter((c) => c.startsWith('POST'))).toHaveLength(3);
	});

	test('a test-mode delivery never repairs', async () => {
		const { t, krebit, oldSecret } = await wipedTrigger();
		const body = delivery('test-1');
		const answer = await t.deliver(body, signed(oldSecret, body), { isTest: true });
		expect(answer.status).toBe(401);
		expect(krebit.calls).toEqual([]);
		expect(t.nodeStaticData()).toEqual({});
	});

	test('a bad signature while the secrets are stored is refused: Krebit\'s list is read (at most once a minute), nothing changes', async () => {
		const { t, krebit } = await activeTrigger();
		const before = krebit.subscriptions.map((s) => ({ ...s }));
		krebit.calls.length = 0;
		const body = delivery('forged-1');
		expect((await t.deliver(body, signed('not-the-secret', body))).status).toBe(401);
		expect(krebit.calls.filter((c) => !c.startsWith('GET'))).toEqual([]);
		const listed = krebit.calls.length;
		expect(listed).toBeGreaterThan(0);

		const again = delivery('forged-2');
		expect((await t.deliver(again, signed('not-the-secret', again))).status).toBe(401);
		expect(krebit.calls).toHaveLength(listed);
		expect(krebit.subscriptions).toEqual(before);
	});

	test('a repair that fails still answers 401 and is logged, without secrets; static data stays untouched', async () => {
		const krebit = new FakeWebhooks({ failList: true });
		const t = trigger();
		const log = recordLog(t);
		const body = delivery('failing-1');

		const answer = await t.deliver(body, signed('some-old-secret', body));

		expect(answer.status).toBe(401);
		expect(answer.body).toEqual({ message: 'Invalid signature' });
		expect(krebit.calls.filter((c) => !c.startsWith('GET'))).toEqual([]);
		expect(log.warn).toHaveBeenCalledTimes(1);
		expect(log.lines()).toEqual([
			expect.stringMatching(
				/^Krebit Trigger "Krebit Trigger" has no stored webhook secrets and could not remake its Krebit webhooks: Server Error \(Krebit answered 500 to List Krebit webhooks\)/,
			),
		]);
		expect(log.lines().join('\n')).not.toContain('some-old-secret');
		// Nothing is written, so n8n saves nothing that could overwrite another process's repair;
		// this process does not try again within 10 minutes.
		expect(t.nodeStaticData()).toEqual({});
		krebit.calls.length = 0;
		const again = delivery('failing-2');
		expect((await t.deliver(again, signed('some-old-secret', again))).status).toBe(401);
		expect(krebit.calls).toEqual([]);
	});
});
