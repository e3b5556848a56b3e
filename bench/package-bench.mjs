// The package itself: what dist holds, the runtime dependencies it asks for, the packed tarball,
// and n8n's start-up time with and without it (a fresh user folder every time; interleaved).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { N8nProcess, ROOT, installPackage } from '../scripts/stack/n8n-process.mjs';
import { median } from './stats.mjs';

function walk(dir) {
	let bytes = 0;
	let files = 0;
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) {
			const inner = walk(path);
			bytes += inner.bytes;
			files += inner.files;
		} else {
			bytes += statSync(path).size;
			files += 1;
		}
	}
	return { bytes, files };
}

export function packageFacts(tarball) {
	const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
	return {
		version: manifest.version,
		dist: walk(join(ROOT, 'dist')),
		tarballBytes: statSync(tarball).size,
		dependencies: Object.keys(manifest.dependencies ?? {}),
		peerDependencies: manifest.peerDependencies ?? {},
	};
}

/**
 * Starts n8n `trials` times with the package and `trials` times without, alternating, each in
 * a fresh user folder, and stops each one. The last start with the package is kept running and
 * returned as `kept`, so the rest of the bench needs no extra start (with 0 trials: one start,
 * not measured).
 */
export async function startupTrials({ version, installDir, sandbox, port, tarball, trials, log, env = {} }) {
	const seconds = { with: [], without: [] };
	const plan = trials > 0 ? Array.from({ length: trials }, (_, i) => [[i + 1, false], [i + 1, true]]).flat() : [[0, true]];
	let kept;
	for (const [index, [trial, withPackage]] of plan.entries()) {
		const n8n = new N8nProcess({ version, installDir, port, sandbox, env });
		try {
			if (withPackage) installPackage(n8n.userFolder, tarball, installDir);
			await n8n.start();
		} catch (error) {
			await n8n.stop();
			n8n.cleanup();
			throw error;
		}
		const which = withPackage ? 'with' : 'without';
		if (trial > 0) {
			seconds[which].push(n8n.startSeconds);
			log(`[start-up] ${trial}/${trials} ${which} the package: ready in ${n8n.startSeconds.toFixed(1)} s`);
		}
		if (index === plan.length - 1) {
			kept = n8n;
		} else {
			await n8n.stop();
			n8n.cleanup();
		}
	}
	return { seconds, withMedian: median(seconds.with), withoutMedian: median(seconds.without), kept };
}
