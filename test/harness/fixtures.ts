/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test helper, never shipped */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A file under test/fixtures, as bytes. */
export function fixture(name: string): Buffer {
	return readFileSync(join(__dirname, '..', 'fixtures', name));
}
