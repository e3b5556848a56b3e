/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- a test reading the codex files n8n reads, next to it */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const CODEX = ['Krebit/Krebit.node.json', 'KrebitTrigger/KrebitTrigger.node.json', 'KrebitPollingTrigger/KrebitPollingTrigger.node.json'];

/** What a person searching n8n's node panel for Krebit's job would type (the words). */
const JOB_WORDS = ['credit', 'credit check', 'kreditupplysning', 'e-signing', 'e-signature', 'signature', 'signing', 'contract'];

describe.each(CODEX)('%s', (file) => {
	const codex = JSON.parse(readFileSync(join(__dirname, '../../nodes', file), 'utf8')) as { alias?: string[]; node: string };

	test("has search aliases for Krebit's job, each once", () => {
		expect(codex.alias).toEqual(expect.arrayContaining(JOB_WORDS));
		expect(new Set(codex.alias).size).toBe(codex.alias?.length);
	});

	test('names no BankID: the Krebit documents we have do not say Krebit Sign uses it', () => {
		expect(codex.alias?.some((alias) => /bank\s*id/i.test(alias))).toBe(false);
	});
});

test('the action node is also found by its resources', () => {
	const codex = JSON.parse(readFileSync(join(__dirname, '../../nodes/Krebit/Krebit.node.json'), 'utf8')) as { alias: string[] };
	expect(codex.alias).toEqual(expect.arrayContaining(['client', 'act', 'data point', 'template', 'user', 'webhook']));
});
