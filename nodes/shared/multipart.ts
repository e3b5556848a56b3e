import { randomBytes } from 'crypto';

/**
 * A multipart/form-data body with one file field, built as a Buffer. A Buffer (unlike a
 * stream or a FormData object) can be sent again, so n8n can retry the upload after it has
 * refreshed an expired token.
 */
export function multipartFile(
	field: string,
	fileName: string,
	mimeType: string,
	content: Buffer,
): { body: Buffer; contentType: string } {
	const boundary = `----n8nKrebit${randomBytes(12).toString('hex')}`;
	// Quotes, backslashes and line breaks would end the header early; keep the name readable.
	const safeName = fileName.replace(/["\\\r\n]/g, '_') || 'document.pdf';
	const head =
		`--${boundary}\r\n` +
		`Content-Disposition: form-data; name="${field}"; filename="${safeName}"\r\n` +
		`Content-Type: ${mimeType}\r\n\r\n`;
	const body = Buffer.concat([Buffer.from(head, 'utf8'), content, Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8')]);
	return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}
