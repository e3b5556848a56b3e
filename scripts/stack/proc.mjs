// Memory of the processes the stack starts, as the kernel reports it in /proc (Linux only): one
// field of /proc/<pid>/status, and the peak of n8n with its task runners over one bench run (the
// kernel's high-water mark VmHWM, reset before the run with `clear_refs` 5; where the reset is
// not allowed, VmRSS sampled every 50 ms instead).
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';

/** A `kB` field of /proc/<pid>/status (VmRSS, VmHWM, …) in MB; undefined once the process is gone. */
export function statusMb(pid, field) {
	try {
		const match = new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return match ? Number(match[1]) / 1024 : undefined;
	} catch {
		return undefined;
	}
}

/** Every living descendant of `pid` (the task runners n8n starts). */
export function descendants(pid) {
	const parents = new Map();
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			// "pid (comm) state ppid ...": comm may hold spaces, so read after the last ")".
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			parents.set(Number(entry), ppid);
		} catch {
			// the process ended meanwhile
		}
	}
	const found = [];
	const walk = (parent) => {
		for (const [child, ppid] of parents) {
			if (ppid === parent) {
				found.push(child);
				walk(child);
			}
		}
	};
	walk(pid);
	return found;
}

function resetPeak(pid) {
	try {
		writeFileSync(`/proc/${pid}/clear_refs`, '5');
		return true;
	} catch {
		return false;
	}
}

/**
 * Watches the peak resident memory of `mainPid` and of its descendants from `start()` to
 * `stop()`, which returns `{ main, mainGrowth, runners }` in MB: the main process's peak, how far
 * above its resident memory at the start that peak was, and the sum of the runners' peaks.
 */
export class PeakMemory {
	constructor(mainPid) {
		this.mainPid = mainPid;
	}

	start() {
		this.runnerPids = descendants(this.mainPid);
		this.pids = [this.mainPid, ...this.runnerPids];
		this.mainAtStart = statusMb(this.mainPid, 'VmRSS') ?? 0;
		this.viaKernel = this.pids.every(resetPeak);
		this.sampled = new Map();
		if (!this.viaKernel) {
			this.timer = setInterval(() => {
				for (const pid of this.pids) this.sampled.set(pid, Math.max(this.sampled.get(pid) ?? 0, statusMb(pid, 'VmRSS') ?? 0));
			}, 50);
		}
	}

	stop() {
		clearInterval(this.timer);
		const peakOf = (pid) => (this.viaKernel ? statusMb(pid, 'VmHWM') : this.sampled.get(pid)) ?? 0;
		const main = peakOf(this.mainPid);
		return {
			main,
			mainGrowth: Math.max(0, main - this.mainAtStart),
			runners: this.runnerPids.reduce((sum, pid) => sum + peakOf(pid), 0),
			method: this.viaKernel ? 'VmHWM' : 'VmRSS sampled every 50 ms',
		};
	}
}
