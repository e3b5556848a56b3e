// npm run test:e2e: installs the pinned n8n versions (cached outside the clone), packs the
// package once, then runs the e2e suite against each version in turn with Node's test runner.
//   node test/e2e/run.mjs [--versions 2.41.1,1.123.81] [--suite test/e2e/n8n.e2e.mjs] [--n8n3-defaults]
// --n8n3-defaults starts every n8n with the settings n8n 3.0 makes the default (N8N_3_DEFAULTS).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { N8N_3_DEFAULTS, N8N_VERSIONS, ROOT, installN8n, packPackage } from '../../scripts/stack/n8n-process.mjs';

const { values } = parseArgs({
	options: {
		versions: { type: 'string', default: process.env.N8N_E2E_VERSIONS ?? Object.values(N8N_VERSIONS).join(',') },
		suite: { type: 'string', default: join(ROOT, 'test/e2e/n8n.e2e.mjs') },
		'n8n3-defaults': { type: 'boolean', default: false },
	},
});
if (values['n8n3-defaults']) {
	const settings = Object.entries(N8N_3_DEFAULTS).map(([key, value]) => `${key}=${value}`);
	process.env.N8N_E2E_N8N_ENV = [...settings, process.env.N8N_E2E_N8N_ENV].filter(Boolean).join(',');
	console.log(`== with n8n 3.0's defaults: ${settings.join(' ')}`);
}
const versions = values.versions.split(',').filter(Boolean);

// Each install is checked (its native modules load) or repaired here, one line per version.
const checked = versions.map((version) => `${version}=${installN8n(version)}`).join(',');
console.log('== packing the package');
packPackage();

const timings = [];
let failed = false;
for (const version of versions) {
	console.log(`\n== e2e against n8n ${version}`);
	const started = Date.now();
	const run = spawnSync(process.execPath, ['--test', '--test-concurrency=1', '--test-reporter=spec', values.suite], {
		stdio: 'inherit',
		env: { ...process.env, N8N_E2E_VERSION: version, KREBIT_N8N_CHECKED: checked },
	});
	const seconds = (Date.now() - started) / 1000;
	timings.push(`n8n ${version}: ${run.status === 0 ? 'passed' : 'FAILED'} in ${seconds.toFixed(0)} s`);
	if (run.status !== 0) failed = true;
}
console.log(`\n== e2e summary\n${timings.join('\n')}`);
process.exit(failed ? 1 : 0);
