// A multipart/form-data reader: parts with their headers, field name, file name and raw bytes.

export function boundaryOf(contentType = '') {
	if (!/^multipart\/form-data/i.test(contentType)) return undefined;
	const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
	return match ? (match[1] ?? match[2]) : undefined;
}

function parseHeaders(text) {
	const headers = {};
	for (const line of text.split('\r\n')) {
		const colon = line.indexOf(':');
		if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
	}
	return headers;
}

function dispositionParam(disposition, name) {
	const match = new RegExp(`(?:^|;)\\s*${name}="((?:[^"\\\\]|\\\\.)*)"`, 'i').exec(disposition) ?? new RegExp(`(?:^|;)\\s*${name}=([^;]+)`, 'i').exec(disposition);
	return match ? match[1].replace(/\\(.)/g, '$1').trim() : undefined;
}

/**
 * Splits a multipart body into `[{ name, filename, contentType, data }]`; undefined when the
 * body is not well-formed multipart for this boundary.
 */
export function parseMultipart(body, boundary) {
	const delimiter = Buffer.from(`--${boundary}`);
	const parts = [];
	let at = body.indexOf(delimiter);
	if (at === -1) return undefined;
	for (;;) {
		at += delimiter.length;
		// "--" right after a delimiter closes the body.
		if (body[at] === 0x2d && body[at + 1] === 0x2d) return parts;
		if (body[at] === 0x0d && body[at + 1] === 0x0a) at += 2;
		else return undefined;
		const headerEnd = body.indexOf('\r\n\r\n', at);
		if (headerEnd === -1) return undefined;
		const headers = parseHeaders(body.subarray(at, headerEnd).toString('utf8'));
		const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headerEnd + 4);
		if (next === -1) return undefined;
		const disposition = headers['content-disposition'] ?? '';
		parts.push({
			name: dispositionParam(disposition, 'name'),
			filename: dispositionParam(disposition, 'filename'),
			contentType: headers['content-type'],
			data: body.subarray(headerEnd + 4, next),
		});
		at = next + 2;
	}
}
