// npm run test:e2e: installs the pinned n8n versions (cached outside the clone), packs the
// package once, then runs the e2e suite against each version in turn with Node's test runner.
//   node test/e2e/run.mjs [--versions 2.41.1,1.123.81] [--suite test/e2e/n8n.e2e.mjs]
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { N8N_VERSIONS, ROOT, installN8n, packPackage } from './lib/n8n-process.mjs';

const { values } = parseArgs({
	options: {
		versions: { type: 'string', default: process.env.N8N_E2E_VERSIONS ?? Object.values(N8N_VERSIONS).join(',') },
		suite: { type: 'string', default: join(ROOT, 'test/e2e/n8n.e2e.mjs') },
	},
});
const versions = values.versions.split(',').filter(Boolean);

for (const version of versions) installN8n(version);
console.log('== packing the package');
packPackage();

const timings = [];
let failed = false;
for (const version of versions) {
	console.log(`\n== e2e against n8n ${version}`);
	const started = Date.now();
	const run = spawnSync(process.execPath, ['--test', '--test-concurrency=1', '--test-reporter=spec', values.suite], {
		stdio: 'inherit',
		env: { ...process.env, N8N_E2E_VERSION: version },
	});
	const seconds = (Date.now() - started) / 1000;
	timings.push(`n8n ${version}: ${run.status === 0 ? 'passed' : 'FAILED'} in ${seconds.toFixed(0)} s`);
	if (run.status !== 0) failed = true;
}
console.log(`\n== e2e summary\n${timings.join('\n')}`);
process.exit(failed ? 1 : 0);
