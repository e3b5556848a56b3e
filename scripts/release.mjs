// npm run release -- <patch | minor | major | x.y.z>
//
// Prepares a release locally; GitHub Actions publishes it (.github/workflows/publish.yml, with
// npm provenance, which n8n's verification requires). In order: refuses a working tree with
// uncommitted changes or an existing tag, runs the whole CI script (.ci/run), sets the new
// version in package.json and package-lock.json, turns CHANGELOG.md's "Unreleased" section
// into that version's section, commits, and tags. Nothing is pushed or published: push the
// commit and the tag (`git push --follow-tags`) and the publish workflow takes over.
//
// This is n8n-node's release flow (`n8n-node release`) without what cannot run here: it
// uses release-it and auto-changelog, and pushes to GitHub and creates a GitHub release itself.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const run = (command, args, options = {}) =>
	execFileSync(command, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], ...options });
const fail = (message) => {
	console.error(`release: ${message}`);
	process.exit(1);
};

/** `x.y.z` itself, or the current version bumped by `patch`, `minor` or `major`. */
function nextVersion(current, bump) {
	if (/^\d/.test(bump)) return bump;
	const [major, minor, patch] = current.split(/[.-]/).map(Number);
	if (bump === 'major') return `${major + 1}.0.0`;
	if (bump === 'minor') return `${major}.${minor + 1}.0`;
	return `${major}.${minor}.${patch + 1}`;
}

const bump = process.argv[2];
if (!bump || !/^(patch|minor|major|\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?)$/.test(bump)) {
	fail('say which version: npm run release -- <patch | minor | major | x.y.z>');
}

if (run('git', ['status', '--porcelain']).trim()) fail('the working tree has uncommitted changes; commit or stash them first');
if (run('git', ['rev-parse', '--abbrev-ref', 'HEAD']).trim() === 'HEAD') fail('check out a branch first (HEAD is detached)');
const changelogPath = resolve(root, 'CHANGELOG.md');
const changelog = readFileSync(changelogPath, 'utf8');
const unreleased = /^## Unreleased\n([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(changelog);
if (!unreleased || !unreleased[1].trim()) fail('CHANGELOG.md has no entries under "## Unreleased"; write what this release changes');

const current = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')).version;
const version = nextVersion(current, bump);
if (run('git', ['tag', '--list', version]).trim()) fail(`the tag ${version} already exists`);

console.log(`== release ${current} -> ${version}`);
console.log('== .ci/run (the whole CI: install, lint, type check, build, scan, package contents, tests)');
run('bash', ['.ci/run'], { stdio: 'inherit' });
if (run('git', ['status', '--porcelain']).trim()) fail('.ci/run changed tracked files; commit them and run the release again');

run('npm', ['version', version, '--no-git-tag-version', '--allow-same-version']);

const today = new Date().toISOString().slice(0, 10);
writeFileSync(changelogPath, changelog.replace(/^## Unreleased\n/m, `## Unreleased\n\n## ${version} - ${today}\n`));

run('git', ['add', 'package.json', 'package-lock.json', 'CHANGELOG.md']);
run('git', ['commit', '-m', `Release ${version}`]);
run('git', ['tag', '-a', version, '-m', `n8n-nodes-krebit ${version}`]);
console.log(`Released ${version} locally: commit "Release ${version}" and tag ${version}.`);
console.log('Publish it: git push --follow-tags (GitHub Actions publishes the tag to npm with provenance).');
