// Memory of a process, as the kernel reports it in /proc/<pid>/status (Linux only).
import { readFileSync } from 'node:fs';

/** A `kB` field of /proc/<pid>/status (VmRSS, VmHWM, …) in MB; undefined once the process is gone. */
export function statusMb(pid, field) {
	try {
		const match = new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return match ? Number(match[1]) / 1024 : undefined;
	} catch {
		return undefined;
	}
}
