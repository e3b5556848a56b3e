// The two legs of n8n's verification scan (@n8n/scan-community-package), run locally and offline.
// n8n's `analyzePackageByName` checks npm provenance, then lints the attested source checkout with
// `SOURCE_FILE_PATTERNS` and the published tarball with ['**/*.js', 'package.json']. This does
// the same two lints with the same `analyzePackage`, over this working tree and over what
// `npm pack` would publish now (build first: `npm run build`). Inline eslint-disable comments
// are ignored, as in n8n's scan. Provenance is checked only by n8n, after publishing from CI.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// The scan must not depend on the network: any connection attempt fails it.
net.Socket.prototype.connect = function refuseNetwork() {
	throw new Error('scan: a network connection was attempted; the scan must run offline');
};

const { analyzePackage, SOURCE_FILE_PATTERNS } = await import('@n8n/scan-community-package/scanner/scanner.mjs');

const root = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'krebit-scan-'));

function packTarball() {
	const output = execFileSync('npm', ['pack', '--offline', '--json', '--pack-destination', work], {
		cwd: root,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	const [pack] = JSON.parse(output);
	const unpacked = join(work, 'package');
	mkdirSync(unpacked);
	execFileSync('tar', ['-xzf', join(work, pack.filename), '-C', unpacked, '--strip-components=1']);
	return { unpacked, files: pack.files.length, name: `${pack.name}@${pack.version}` };
}

let failed = false;
try {
	const tarball = packTarball();
	const legs = [
		{ label: `source (${SOURCE_FILE_PATTERNS.join(', ')})`, dir: root, patterns: SOURCE_FILE_PATTERNS },
		{ label: `npm pack tarball ${tarball.name}, ${tarball.files} files (**/*.js, package.json)`, dir: tarball.unpacked, patterns: ['**/*.js', 'package.json'] },
	];
	for (const leg of legs) {
		const result = await analyzePackage(leg.dir, leg.patterns);
		if (result.passed) {
			console.log(`✅ ${leg.label}: ${result.message ?? 'no findings'}`);
		} else {
			failed = true;
			console.log(`❌ ${leg.label}: ${result.message}`);
			if (result.details) console.log(result.details);
		}
	}
} finally {
	rmSync(work, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
