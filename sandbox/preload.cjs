// Preload for a process that should talk to the Krebit sandbox instead of Krebit, unchanged:
//   NODE_OPTIONS="--require /abs/path/sandbox/preload.cjs" KREBIT_SANDBOX_PORT=8443 \
//   NODE_EXTRA_CA_CERTS=/path/to/ca.pem n8n start
// - every *.krebit.se name resolves to 127.0.0.1 (dns.lookup, callback and promise forms);
// - every TCP connection to a *.krebit.se host goes to 127.0.0.1, and on port 443 to the port in
//   KREBIT_SANDBOX_PORT, so neither root nor port 443 is needed. The https module, axios and
//   fetch (undici) all connect through net.Socket.prototype.connect, patched here. TLS still
//   checks the certificate against the original host name (and sends it as SNI): tls.connect
//   verifies against its own options, which this patch leaves untouched.
'use strict';

const dns = require('node:dns');
const net = require('node:net');

const LOOPBACK = '127.0.0.1';
const sandboxPort = Number(process.env.KREBIT_SANDBOX_PORT) || undefined;

function isKrebit(hostname) {
	return typeof hostname === 'string' && /(^|\.)krebit\.se\.?$/i.test(hostname);
}

function wantsAll(options) {
	return typeof options === 'object' && options !== null && Boolean(options.all);
}

function familyWanted(options) {
	if (typeof options === 'number') return options;
	return typeof options === 'object' && options !== null ? Number(options.family) || 0 : 0;
}

const originalLookup = dns.lookup;
dns.lookup = function lookup(hostname, options, callback) {
	if (!isKrebit(hostname)) return originalLookup.apply(this, arguments);
	const done = typeof options === 'function' ? options : callback;
	const all = wantsAll(options);
	if (familyWanted(options) === 6) {
		const error = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname} (the Krebit sandbox is IPv4 only)`), { code: 'ENOTFOUND', hostname });
		process.nextTick(done, error);
		return {};
	}
	process.nextTick(() => (all ? done(null, [{ address: LOOPBACK, family: 4 }]) : done(null, LOOPBACK, 4)));
	return {};
};

const originalPromiseLookup = dns.promises.lookup;
dns.promises.lookup = async function lookup(hostname, options) {
	if (!isKrebit(hostname)) return originalPromiseLookup.apply(this, arguments);
	const address = { address: LOOPBACK, family: 4 };
	return wantsAll(options) ? [address] : address;
};

/** The connect options pointed at the sandbox, or undefined when they name no Krebit host. */
function redirected(options) {
	if (typeof options !== 'object' || options === null || options.path || !isKrebit(options.host)) return undefined;
	const port = sandboxPort && Number(options.port) === 443 ? sandboxPort : options.port;
	return { ...options, host: LOOPBACK, port };
}

const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function connect(...args) {
	if (Array.isArray(args[0])) {
		// Already normalized by net.connect: replace the options inside, keep the array (it is
		// marked as normalized with a private symbol).
		const options = redirected(args[0][0]);
		if (options) args[0][0] = options;
	} else if (typeof args[0] === 'object' && args[0] !== null) {
		const options = redirected(args[0]);
		if (options) args[0] = options;
	} else if ((typeof args[0] === 'number' || typeof args[0] === 'string') && isKrebit(args[1])) {
		// socket.connect(port, host[, listener])
		args[0] = sandboxPort && Number(args[0]) === 443 ? sandboxPort : args[0];
		args[1] = LOOPBACK;
	}
	return originalConnect.apply(this, args);
};
