// Sections of bench/results.md that other bench scripts write (between marker comments), kept
// when `npm run bench` writes the file again.
const start = (name) => `<!-- ${name}:start -->`;
const end = (name) => `<!-- ${name}:end -->`;

/** The marked section `name` of `text` (markers included), or '' when there is none. */
export function sectionOf(text, name) {
	const from = text.indexOf(start(name));
	const to = text.indexOf(end(name));
	return from === -1 || to === -1 ? '' : text.slice(from, to + end(name).length);
}

/** `text` with section `name` set to `body` (replaced in place, else appended). */
export function withSection(text, name, body) {
	const marked = `${start(name)}\n${body.trim()}\n${end(name)}`;
	const old = sectionOf(text, name);
	if (old) return text.replace(old, marked);
	return `${text.trimEnd()}\n\n${marked}\n`;
}
