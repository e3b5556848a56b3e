// A local CA and a server certificate for *.krebit.se, made once with the openssl CLI and reused
// until they come within two days of expiring. Several sandboxes may start at once with the same
// directory: a lock directory keeps two of them from writing the files at the same time.
import { execFileSync } from 'node:child_process';
import { X509Certificate, createPrivateKey, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

import { withDirectoryLock } from './lock.mjs';

const VALID_DAYS = 30;
const RENEW_WITHIN_MS = 2 * 24 * 3600 * 1000;
const LOCK_STALE_MS = 60_000;

export function defaultTlsDir() {
	const cache = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
	return join(cache, 'n8n-nodes-krebit', 'tls');
}

function filesIn(dir) {
	return { caFile: join(dir, 'ca.pem'), certFile: join(dir, 'server.pem'), keyFile: join(dir, 'server.key') };
}

/** True when the three files exist, belong together and stay valid for more than two days. */
function usable({ caFile, certFile, keyFile }) {
	try {
		const ca = new X509Certificate(readFileSync(caFile));
		const cert = new X509Certificate(readFileSync(certFile));
		const key = createPrivateKey(readFileSync(keyFile));
		const deadline = Date.now() + RENEW_WITHIN_MS;
		return (
			new Date(ca.validTo).getTime() > deadline &&
			new Date(cert.validTo).getTime() > deadline &&
			cert.checkIssued(ca) &&
			cert.verify(ca.publicKey) &&
			cert.checkPrivateKey(key) &&
			cert.checkHost('demo.krebit.se') !== undefined
		);
	} catch {
		return false;
	}
}

const OPENSSL_CONFIG = `[req]
distinguished_name = dn
prompt = no
[dn]
CN = Krebit Sandbox
[ca_ext]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[server_ext]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:*.krebit.se,DNS:krebit.se,DNS:localhost,IP:127.0.0.1
authorityKeyIdentifier = keyid
`;

function openssl(args, cwd) {
	execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Writes a new CA and server certificate into a scratch folder, then moves them into place. */
function generate(dir) {
	const scratch = join(dir, `.new-${process.pid}-${randomBytes(4).toString('hex')}`);
	mkdirSync(scratch, { recursive: true });
	try {
		writeFileSync(join(scratch, 'openssl.cnf'), OPENSSL_CONFIG);
		const ecKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
		openssl(
			['req', '-x509', ...ecKey, '-days', String(VALID_DAYS), '-subj', '/CN=Krebit Sandbox CA (dev only)',
				'-config', 'openssl.cnf', '-extensions', 'ca_ext', '-keyout', 'ca.key', '-out', 'ca.pem'],
			scratch,
		);
		openssl(['req', '-new', ...ecKey, '-subj', '/CN=*.krebit.se', '-config', 'openssl.cnf', '-keyout', 'server.key', '-out', 'server.csr'], scratch);
		openssl(
			['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-set_serial', `0x${randomBytes(8).toString('hex')}`,
				'-days', String(VALID_DAYS), '-extfile', 'openssl.cnf', '-extensions', 'server_ext', '-out', 'server.pem'],
			scratch,
		);
		for (const name of ['ca.key', 'ca.pem', 'server.key', 'server.pem']) renameSync(join(scratch, name), join(dir, name));
	} finally {
		rmSync(scratch, { recursive: true, force: true });
	}
}

/**
 * Returns the CA, certificate and key files in `dir`, making them first when they are missing,
 * do not belong together, or expire within two days.
 */
export function ensureCertificates(dir = defaultTlsDir()) {
	const files = filesIn(dir);
	if (usable(files)) return files;
	mkdirSync(dir, { recursive: true });
	withDirectoryLock(join(dir, '.lock'), () => {
		if (!usable(files)) generate(dir);
	}, { staleMs: LOCK_STALE_MS });
	if (!existsSync(files.caFile) || !usable(files)) throw new Error(`Could not make usable certificates in ${dir}`);
	return files;
}
