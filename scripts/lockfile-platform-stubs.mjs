// The npm registry reachable here serves only the Linux builds of some platform-specific
// optional packages (such as @unrs/resolver-binding-*), so `npm install` leaves the others out
// of package-lock.json and `npm ci` then refuses the lock ("Missing: … from lock file").
// This adds an entry for each missing optional package, with the os/cpu/libc its name states,
// so npm ci sees a complete lock and skips them as other platforms' builds, as it would anyway.
// Run it after regenerating the lock: node scripts/lockfile-platform-stubs.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const PLATFORM = /-(android|darwin|freebsd|linux|openharmony|win32)-(arm64|arm|x64|ia32|loong64|ppc64|riscv64|s390x)(?:-(gnueabihf|musleabihf|gnu|musl|msvc|eabi))?$/;
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const added = [];

for (const [path, entry] of Object.entries(lock.packages)) {
	for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
		const key = `${path ? `${path}/` : ''}node_modules/${name}`;
		const hoisted = `node_modules/${name}`;
		if (lock.packages[key] || lock.packages[hoisted]) continue;
		const match = PLATFORM.exec(name);
		if (!match) continue;
		const [, os, cpu, abi] = match;
		const libc = abi?.startsWith('gnu') ? ['glibc'] : abi?.startsWith('musl') ? ['musl'] : undefined;
		lock.packages[hoisted] = {
			version,
			cpu: [cpu],
			dev: entry.dev || undefined,
			...(libc ? { libc } : {}),
			optional: true,
			os: [os],
		};
		added.push(`${name}@${version}`);
	}
}

lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
writeFileSync('package-lock.json', `${JSON.stringify(lock, null, 2)}\n`);
console.log(`added ${added.length} platform stub(s)${added.length ? `: ${added.join(', ')}` : ''}`);
