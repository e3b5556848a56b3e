// After tsc: copies what n8n reads beside the built files: each node's codex file
// (<Node>.node.json) and the SVG icons. The icons have one source, icons/; n8n resolves
// `icon: 'file:krebit.svg'` relative to the built node or credential file, so every folder that
// holds a file listed in package.json's n8n section gets its own copy in dist.
// (The links nodes/*/krebit*.svg and credentials/krebit*.svg point into icons/ for the linter
// only: its icon-validation rule looks for the file beside the .ts source.)
const { dirname } = require('node:path');
const { src, dest, parallel } = require('gulp');
const { n8n } = require('./package.json');

const builtFolders = [...new Set([...n8n.credentials, ...n8n.nodes].map((file) => dirname(file)))];

function copyIconsTo(folder) {
	const copyIcons = () => src('icons/*.svg', { encoding: false }).pipe(dest(folder));
	copyIcons.displayName = `icons to ${folder}`;
	return copyIcons;
}

function copyCodexFiles() {
	return src('nodes/**/*.node.json', { base: '.' }).pipe(dest('dist'));
}

exports['build:assets'] = parallel(copyCodexFiles, ...builtFolders.map(copyIconsTo));
