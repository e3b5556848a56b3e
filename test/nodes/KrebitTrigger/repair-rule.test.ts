import { isFreshRepair, isSettled, madeBefore, repairUnderWay, repairVerdict, REPAIR_FRESH_MS, REPAIR_SETTLE_MS } from '../../../nodes/KrebitTrigger/repair-rule';

const NOW = Date.UTC(2026, 11, 2, 12, 0, 0);
const BASE = 'https://n8n.example.com/webhook/5d2c6a8e-1f3b-4c7d-9e0a-2b4c6d8e0f13/webhook?n8n_instance=abc';
const repairAt = (time: number) => `${BASE}&n8n_repair=${time}`;
const sub = (id: string, event: string, target: string) => ({ id, event, target });
const EVENTS = ['act.created', 'signing.sent'];

describe('which repair set stays (pure rule)', () => {
	const mine = [sub('120', 'act.created', repairAt(NOW)), sub('122', 'signing.sent', repairAt(NOW))];
	const old = [sub('7', 'act.created', BASE), sub('8', 'signing.sent', BASE)];

	test('alone: this set stays, the old ones go', () => {
		expect(repairVerdict([...old, ...mine], mine, EVENTS, NOW)).toEqual({ won: true, remove: old });
	});

	test('another set made first (a lower id): this one loses and removes only its own', () => {
		const theirs = [sub('119', 'act.created', repairAt(NOW - 30)), sub('121', 'signing.sent', repairAt(NOW - 30))];
		expect(repairVerdict([...old, ...theirs, ...mine], mine, EVENTS, NOW)).toEqual({ won: false, remove: mine });
	});

	test('another set made after: this one wins, and leaves that set to its own process', () => {
		const theirs = [sub('121', 'act.created', repairAt(NOW + 5)), sub('123', 'signing.sent', repairAt(NOW + 5))];
		expect(repairVerdict([...old, ...mine, ...theirs], mine, EVENTS, NOW)).toEqual({ won: true, remove: old });
	});

	test('an old repair (over 10 minutes) counts as old: removed, never a rival', () => {
		const stale = [sub('3', 'act.created', repairAt(NOW - REPAIR_FRESH_MS - 1))];
		expect(repairVerdict([...stale, ...mine], mine, EVENTS, NOW)).toEqual({ won: true, remove: stale });
	});

	test('Krebit not listing this set yet still counts it', () => {
		expect(repairVerdict(old, mine, EVENTS, NOW)).toEqual({ won: true, remove: old });
	});

	test('a fresh repair for an event no longer selected is not a rival', () => {
		const other = [sub('1', 'client.updated', repairAt(NOW))];
		expect(repairVerdict([...other, ...mine], mine, EVENTS, NOW).won).toBe(true);
	});

	test('under way: a fresh repair of a selected event in the list', () => {
		expect(repairUnderWay([...old, sub('119', 'act.created', repairAt(NOW - 1000))], EVENTS, NOW)).toBe(true);
		expect(repairUnderWay(old, EVENTS, NOW)).toBe(false);
	});
});

describe('time and order (pure rule)', () => {
	test('fresh within 10 minutes either side; settled after 2 minutes or when not made by a repair', () => {
		expect(isFreshRepair(repairAt(NOW - REPAIR_FRESH_MS + 1), NOW)).toBe(true);
		expect(isFreshRepair(repairAt(NOW + 60_000), NOW)).toBe(true);
		expect(isFreshRepair(BASE, NOW)).toBe(false);
		expect(isSettled(repairAt(NOW - REPAIR_SETTLE_MS + 1), NOW)).toBe(false);
		expect(isSettled(repairAt(NOW - REPAIR_SETTLE_MS), NOW)).toBe(true);
		expect(isSettled(BASE, NOW)).toBe(true);
	});

	test('numeric ids by value, before other ids, those by text', () => {
		const ids = ['b-uuid', '100', '99', 'a-uuid', '1000'];
		expect(ids.map((id) => sub(id, 'e', BASE)).sort(madeBefore).map((s) => s.id)).toEqual(['99', '100', '1000', 'a-uuid', 'b-uuid']);
	});
});
