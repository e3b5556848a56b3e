// After tsc: copies what n8n reads beside the built files: the SVG icons of the credential and
// nodes, and each node's codex file (<Node>.node.json).
const { src, dest } = require('gulp');

function copyAssets() {
	return src(['credentials/**/*.svg', 'nodes/**/*.svg', 'nodes/**/*.node.json'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

exports['build:assets'] = copyAssets;
