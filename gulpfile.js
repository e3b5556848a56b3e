// Copies the SVG icons next to the built credential and node files, after tsc has run.
const { src, dest } = require('gulp');

function copyIcons() {
	return src(['credentials/**/*.svg', 'nodes/**/*.svg'], { base: '.', encoding: false }).pipe(
		dest('dist'),
	);
}

exports['build:icons'] = copyIcons;
