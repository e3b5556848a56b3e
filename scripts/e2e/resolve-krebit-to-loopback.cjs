// Preloaded into the real n8n (NODE_OPTIONS=--require …) by scripts/real-n8n-check.sh:
// every *.krebit.se name resolves to 127.0.0.1, where the local Krebit stub listens on 443.
// The package itself is untouched and still calls https://<tenant>.krebit.se.
const dns = require('node:dns');

const isKrebit = (hostname) => typeof hostname === 'string' && /(^|\.)krebit\.se\.?$/i.test(hostname);
const originalLookup = dns.lookup;
const originalPromiseLookup = dns.promises.lookup;

dns.lookup = function lookup(hostname, options, callback) {
	if (!isKrebit(hostname)) return originalLookup.apply(this, arguments);
	const done = typeof options === 'function' ? options : callback;
	const all = typeof options === 'object' && options !== null && options.all;
	process.nextTick(() => (all ? done(null, [{ address: '127.0.0.1', family: 4 }]) : done(null, '127.0.0.1', 4)));
	return {};
};

dns.promises.lookup = async function lookup(hostname, options) {
	if (!isKrebit(hostname)) return originalPromiseLookup.call(this, hostname, options);
	const address = { address: '127.0.0.1', family: 4 };
	return typeof options === 'object' && options !== null && options.all ? [address] : address;
};
