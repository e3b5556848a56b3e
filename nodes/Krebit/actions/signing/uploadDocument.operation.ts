import { NodeOperationError } from 'n8n-workflow';

import { multipartFile } from '../../../shared/multipart';
import { krebitRequest, unwrapRecord } from '../../../shared/transport/request';
import { idParameter } from '../common';
import { recordLocator } from '../../../shared/recordLocator';
import { SIGNING } from '../../../shared/records';
import type { KrebitOperation } from '../types';

/**
 * Krebit Sign takes "PDFs under 10 MB". Read as its Laravel validation reads `max:10240`
 * (kilobytes, inclusive) and as the sandbox does: at most 10 MiB, 10,485,760 bytes.
 */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

/** 10485761 as "10,485,761". */
function bytesText(count: number): string {
	return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Why Krebit Sign would refuse this file, or undefined if it looks acceptable. */
export function pdfProblem(content: Buffer): string | undefined {
	// The PDF header must appear within the first 1024 bytes.
	if (!content.subarray(0, 1024).includes('%PDF-')) return 'is not a PDF';
	if (content.length > MAX_DOCUMENT_BYTES) {
		return `is ${bytesText(content.length)} bytes; Krebit Sign takes PDFs of at most 10 MiB (${bytesText(MAX_DOCUMENT_BYTES)} bytes)`;
	}
	if (content.includes('/Encrypt')) return 'is password-protected; Krebit Sign takes PDFs without a password';
	if (content.includes('/ByteRange')) return 'is already signed; Krebit Sign takes unsigned PDFs';
	return undefined;
}

export const uploadSigningDocument: KrebitOperation = {
	value: 'uploadDocument',
	name: 'Upload Document',
	action: 'Upload a document to a signing',
	description: 'Add a PDF from the input to a draft signing',
	properties: [
		recordLocator(SIGNING, 'signingId', 'The draft signing to add the document to'),
		{
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			required: true,
			default: 'data',
			hint: 'The name of the input binary field holding the PDF',
		},
	],
	async execute(itemIndex) {
		const id = idParameter.call(this, 'signingId', itemIndex, SIGNING);
		const field = this.getNodeParameter('binaryPropertyName', itemIndex, 'data') as string;
		const binary = this.helpers.assertBinaryData(itemIndex, field);
		const content = await this.helpers.getBinaryDataBuffer(itemIndex, field);
		const fileName = binary.fileName ?? 'document.pdf';
		const problem = pdfProblem(content);
		if (problem) {
			throw new NodeOperationError(this.getNode(), `The file "${fileName}" ${problem}`, {
				description: `Nothing was sent to Krebit. Pass a PDF in the binary field "${field}".`,
				itemIndex,
			});
		}
		const { body, contentType } = multipartFile('selected_file', fileName, 'application/pdf', content);
		const created = await krebitRequest(this, {
			method: 'POST',
			path: `/signings/${id}/documents`,
			body,
			headers: { 'Content-Type': contentType },
			itemIndex,
			action: `Upload "${fileName}" to signing ${id}`,
			expect: 'record',
			notFound: `No signing with ID ${id} in this Krebit organization`,
		});
		return unwrapRecord(created);
	},
};
