// A lock between processes on one machine: a directory that only one of them can make.
import { mkdirSync, rmSync, statSync } from 'node:fs';

function sleepSync(ms) {
	Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Runs `work` while holding the lock directory `lock`, waiting for it while another process
 * holds it. A lock older than `staleMs` was left by a killed process and is broken.
 */
export function withDirectoryLock(lock, work, { staleMs }) {
	for (;;) {
		try {
			mkdirSync(lock);
			break;
		} catch (error) {
			if (error.code !== 'EEXIST') throw error;
			try {
				if (Date.now() - statSync(lock).mtimeMs > staleMs) rmSync(lock, { recursive: true, force: true });
			} catch {
				// Released meanwhile: try again.
			}
			sleepSync(50);
		}
	}
	try {
		return work();
	} finally {
		rmSync(lock, { recursive: true, force: true });
	}
}
