/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test setup, never shipped: it needs a temp folder for n8n's config */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import nock from 'nock';

import { clearRecordCache } from '../nodes/Krebit/methods/recordCache';
import { forgetSubscriptionViews } from '../nodes/shared/subscriptionView';
import { resetTenantGates } from '../nodes/shared/transport/rateLimit';

// n8n's own logger (winston) reports every node error; the tests assert errors instead.
process.env.N8N_LOG_LEVEL ??= 'silent';
// n8n's node contexts read or create <N8N_USER_FOLDER>/.n8n/config; keep it out of $HOME.
process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'krebit-n8n-'));

beforeAll(() => {
	if (!nock.isActive()) nock.activate();
	// Only hosts a test mocks are reachable; anything else fails the request.
	nock.disableNetConnect();
});

afterEach(() => {
	nock.cleanAll();
	// The pickers' cache lives as long as the module: each test starts without one.
	clearRecordCache();
});

afterAll(() => {
	nock.enableNetConnect();
	nock.restore();
});

// Every test starts as a fresh n8n process: no tenant paused, no shared webhook list kept.
afterEach(() => {
	resetTenantGates();
	forgetSubscriptionViews();
});
