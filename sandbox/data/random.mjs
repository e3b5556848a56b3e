// Deterministic randomness: the same seed and label always give the same data.

/** FNV-1a over the text, a 32-bit seed. */
export function hashSeed(...parts) {
	let hash = 0x811c9dc5;
	for (const char of parts.join('\u0000')) {
		hash ^= char.codePointAt(0);
		hash = Math.imul(hash, 0x01000193);
	}
	return hash >>> 0;
}

/** Mixes a number into a seed (murmur3's finalizer), for one generator per record. */
export function mixSeed(seed, value) {
	let hash = (seed ^ Math.imul(value, 0x9e3779b1)) >>> 0;
	hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
	hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
	return (hash ^ (hash >>> 16)) >>> 0;
}

/** A small, fast generator (mulberry32) with the helpers the data needs. */
export function createRandom(seed) {
	let state = seed >>> 0;
	const next = () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const int = (min, max) => min + Math.floor(next() * (max - min + 1));
	const pick = (list) => list[Math.floor(next() * list.length)];
	/** Picks from `[[value, weight], ...]`. */
	const weighted = (pairs) => {
		const total = pairs.reduce((sum, [, weight]) => sum + weight, 0);
		let at = next() * total;
		for (const [value, weight] of pairs) {
			at -= weight;
			if (at < 0) return value;
		}
		return pairs[pairs.length - 1][0];
	};
	const uuid = () => {
		const bytes = Array.from({ length: 16 }, () => int(0, 255));
		bytes[6] = (bytes[6] & 0x0f) | 0x40;
		bytes[8] = (bytes[8] & 0x3f) | 0x80;
		const hex = bytes.map((byte) => byte.toString(16).padStart(2, '0')).join('');
		return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
	};
	const digits = (count) => String(int(0, 10 ** count - 1)).padStart(count, '0');
	return { next, int, pick, weighted, uuid, digits };
}

const DAY_MS = 24 * 3600 * 1000;
const dayPrefixes = new Map();
const pad = (number, width) => String(number).padStart(width, '0');

/** Laravel's JSON timestamp: `2026-11-30T12:00:00.000000Z` (fast: thousands are made at start). */
export function laravelTime(ms) {
	const day = Math.floor(ms / DAY_MS);
	let prefix = dayPrefixes.get(day);
	if (prefix === undefined) {
		prefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
		dayPrefixes.set(day, prefix);
	}
	let rest = ms - day * DAY_MS;
	const hours = Math.floor(rest / 3600_000);
	rest -= hours * 3600_000;
	const minutes = Math.floor(rest / 60_000);
	rest -= minutes * 60_000;
	const seconds = Math.floor(rest / 1000);
	return `${prefix}${pad(hours, 2)}:${pad(minutes, 2)}:${pad(seconds, 2)}.${pad(rest - seconds * 1000, 3)}000Z`;
}
