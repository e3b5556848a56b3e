// The signature check alone: microseconds per verification of the built
// dist/nodes/shared/signature.js for 1 KB, 100 KB and 1 MB bodies. `runSignatureBench(node)` runs
// this file under the Node that n8n runs on; run directly, it measures and prints JSON.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

import { median } from './stats.mjs';

export const SIGNATURE_SIZES = [
	{ label: '1 KB', bytes: 1024 },
	{ label: '100 KB', bytes: 100 * 1024 },
	{ label: '1 MB', bytes: 1024 * 1024 },
];
const BATCHES = 7;
const BATCH_MS = 60;

function measure() {
	const require = createRequire(import.meta.url);
	const { isValidSignature, signatureOf } = require('../dist/nodes/shared/signature.js');
	const secret = randomBytes(32).toString('hex');
	// One subscription (one event), so one stored secret; each more event adds one HMAC.
	const secrets = [secret];
	// Warm-up, so the first size does not pay for the JIT.
	const warmBody = randomBytes(1024);
	const warmSignature = signatureOf(secret, warmBody);
	for (const until = performance.now() + 200; performance.now() < until; ) isValidSignature(warmBody, warmSignature, secrets);
	return SIGNATURE_SIZES.map(({ label, bytes }) => {
		const body = randomBytes(bytes);
		const signature = signatureOf(secret, body);
		const forged = Buffer.from(body);
		forged[0] ^= 1;
		if (!isValidSignature(body, signature, secrets) || isValidSignature(forged, signature, secrets)) {
			throw new Error(`the signature check gave a wrong answer for a ${label} body`);
		}
		// Calibrate: how many verifications fill one batch.
		let perBatch = 1;
		for (;;) {
			const started = performance.now();
			for (let i = 0; i < perBatch; i++) isValidSignature(body, signature, secrets);
			if (performance.now() - started >= BATCH_MS / 4) {
				perBatch = Math.max(1, Math.round((perBatch * BATCH_MS) / (performance.now() - started)));
				break;
			}
			perBatch *= 2;
		}
		const microseconds = [];
		for (let batch = 0; batch < BATCHES; batch++) {
			const started = performance.now();
			for (let i = 0; i < perBatch; i++) isValidSignature(body, signature, secrets);
			microseconds.push(((performance.now() - started) * 1000) / perBatch);
		}
		const perCheck = median(microseconds);
		return { label, bytes, secrets: secrets.length, microseconds: perCheck, mbPerSecond: bytes / (1024 * 1024) / (perCheck / 1e6) };
	});
}

/** Runs the measurement in a child process on `nodeBinary`; returns its rows and Node version. */
export function runSignatureBench(nodeBinary) {
	const output = execFileSync(nodeBinary, [fileURLToPath(import.meta.url), '--measure'], { encoding: 'utf8' });
	return JSON.parse(output);
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv.includes('--measure')) {
	console.log(JSON.stringify({ node: process.version, rows: measure() }));
}
