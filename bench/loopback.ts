/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- dev-only bench, never shipped: it runs openssl and the stand-in */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import tls from 'node:tls';

/**
 * Real HTTPS on loopback for the bench: a certificate for *.krebit.se from a CA made here, a
 * Krebit stand-in in a child process, and every TLS connection to <tenant>.krebit.se:443 sent
 * to 127.0.0.1:<port> instead (the process must trust the CA: NODE_EXTRA_CA_CERTS). The node
 * still calls https://acme.krebit.se.
 */
export function certificateFiles(dir = join(__dirname, '..', 'tls')) {
	const files = { ca: join(dir, 'ca.pem'), key: join(dir, 'key.pem'), cert: join(dir, 'cert.pem') };
	if (existsSync(files.cert)) return files;
	mkdirSync(dir, { recursive: true });
	const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'ignore' });
	openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '30',
		'-subj', '/CN=Krebit bench CA', '-keyout', join(dir, 'ca-key.pem'), '-out', files.ca);
	openssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-subj', '/CN=*.krebit.se',
		'-keyout', files.key, '-out', join(dir, 'leaf.csr'));
	writeFileSync(join(dir, 'ext.cnf'), 'subjectAltName=DNS:*.krebit.se\n');
	openssl('x509', '-req', '-in', join(dir, 'leaf.csr'), '-CA', files.ca, '-CAkey', join(dir, 'ca-key.pem'),
		'-CAcreateserial', '-days', '30', '-extfile', join(dir, 'ext.cnf'), '-out', files.cert);
	return files;
}

export async function startLoopbackKrebit(port: number, records: number, cap: number, latencyMs = 0): Promise<ChildProcess> {
	const files = certificateFiles();
	const connect = tls.connect;
	// https.Agent opens every connection through tls.connect: point *.krebit.se at the stand-in.
	(tls as { connect: unknown }).connect = (...args: unknown[]) => {
		const options = args.find((arg): arg is tls.ConnectionOptions => typeof arg === 'object' && arg !== null);
		const host = options?.servername ?? options?.host ?? '';
		if (options && /\.krebit\.se$/.test(String(host))) Object.assign(options, { host: '127.0.0.1', port });
		return (connect as (...a: unknown[]) => tls.TLSSocket)(...args);
	};
	const server = spawn(process.execPath, [join(__dirname, 'krebit-server.js'), String(port), files.key, files.cert, String(records), String(cap), String(latencyMs)], {
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	await new Promise<void>((ready, fail) => {
		server.stdout?.once('data', () => ready());
		server.once('exit', (code) => fail(new Error(`Krebit stand-in exited with ${code}`)));
	});
	return server;
}

/** How many list requests the stand-in served, and over how many TLS connections, since the last call. */
export async function servedRequests(port: number): Promise<{ requests: number; connections: number }> {
	return await new Promise((done, fail) => {
		const socket = tls.connect({ host: '127.0.0.1', port, servername: 'count.krebit.se' }, () => {
			socket.write('GET /count HTTP/1.1\r\nHost: count.krebit.se\r\nConnection: close\r\n\r\n');
		});
		let text = '';
		socket.on('data', (chunk) => (text += chunk));
		socket.on('end', () => {
			const [requests, connections] = text.split('\r\n\r\n')[1].split(' ').map(Number);
			done({ requests, connections });
		});
		socket.on('error', fail);
	});
}
