// Imported by scripts/stack/n8n-process.mjs, which the demo, the e2e suites, the bench and the
// screenshots all load first: they build and pack the package with the devDependencies. Straight
// after a clone there are none yet; say what to do instead of failing on a missing file.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// npm ci and npm install both write this file last.
if (!existsSync(join(root, 'node_modules/.package-lock.json'))) {
	const again = process.env.npm_lifecycle_event ? ` and then \`npm run ${process.env.npm_lifecycle_event}\` again` : '';
	console.error(`The project's dependencies are not installed in ${root}: run \`npm ci\` first${again}.`);
	process.exit(1);
}
