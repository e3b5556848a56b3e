// The certificates (made once, reused, remade when unusable) and the command line.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';

import { ensureCertificates } from '../../sandbox/tls.mjs';
import { TLS_DIR } from './helpers.mjs';

const scratch = mkdtempSync(join(tmpdir(), 'krebit-sandbox-tls-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

test('ensureCertificates makes a CA and a 30-day *.krebit.se certificate signed by it, then reuses them', () => {
	const files = ensureCertificates(scratch);
	const ca = new X509Certificate(readFileSync(files.caFile));
	const cert = new X509Certificate(readFileSync(files.certFile));
	assert.ok(cert.checkIssued(ca) && cert.verify(ca.publicKey));
	assert.equal(cert.checkHost('demo.krebit.se'), '*.krebit.se');
	assert.equal(cert.checkHost('krebit.se'), 'krebit.se');
	assert.equal(cert.checkHost('evil.example'), undefined);
	const days = (new Date(cert.validTo) - Date.now()) / 86_400_000;
	assert.ok(days > 29 && days <= 30, `valid for ${days} days`);

	const before = statSync(files.certFile).mtimeMs;
	assert.deepEqual(ensureCertificates(scratch), files);
	assert.equal(statSync(files.certFile).mtimeMs, before);
});

test('a certificate that is unusable is made again', () => {
	const files = ensureCertificates(scratch);
	writeFileSync(files.certFile, 'not a certificate');
	ensureCertificates(scratch);
	const cert = new X509Certificate(readFileSync(files.certFile));
	assert.ok(cert.checkIssued(new X509Certificate(readFileSync(files.caFile))));
});

test('a certificate that expires within two days is made again', () => {
	const files = ensureCertificates(scratch);
	writeFileSync(join(scratch, 'san.cnf'), 'subjectAltName=DNS:*.krebit.se,DNS:krebit.se\n');
	execFileSync('openssl', ['req', '-new', '-key', files.keyFile, '-subj', '/CN=*.krebit.se', '-out', join(scratch, 'short.csr')], { stdio: 'ignore' });
	execFileSync('openssl', ['x509', '-req', '-in', join(scratch, 'short.csr'), '-CA', files.caFile, '-CAkey', join(scratch, 'ca.key'),
		'-CAcreateserial', '-days', '1', '-extfile', join(scratch, 'san.cnf'), '-out', files.certFile], { stdio: 'ignore' });
	const daysLeft = (file) => (new Date(new X509Certificate(readFileSync(file)).validTo) - Date.now()) / 86_400_000;
	assert.ok(daysLeft(files.certFile) < 2);
	ensureCertificates(scratch);
	assert.ok(daysLeft(files.certFile) > 29);
});

test('the CLI prints one ready line, an act line per act created, and stops cleanly on SIGTERM', async () => {
	const server = fileURLToPath(new URL('../../sandbox/server.mjs', import.meta.url));
	const child = spawn(process.execPath, [server, '--port', '0', '--clients', '50', '--acts', '10', '--tenants', 'demo,acme', '--tls-dir', TLS_DIR, '--acts-every', '1'], {
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
	const ready = (await lines.next()).value;
	assert.match(ready, /^krebit sandbox ready on https:\/\/127\.0\.0\.1:(\d+) \(tenants: demo,acme; CA: (.+\/ca\.pem)\)$/);
	assert.notEqual(ready.match(/:(\d+) /)[1], '0');
	const acts = [(await lines.next()).value, (await lines.next()).value];
	assert.match(acts[0], /^act [0-9a-f-]{36} on demo: client \d+ \(.+\), .+, \d+ SEK; 0 deliveries$/);
	assert.match(acts[1], /^act [0-9a-f-]{36} on acme: /);
	child.kill('SIGTERM');
	const code = await new Promise((resolve) => child.on('exit', resolve));
	assert.equal(code, 0);
});
