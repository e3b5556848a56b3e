import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import { headerValue } from '../../../shared/values';
import { krebitDownload } from '../../../shared/transport/request';
import { DOCUMENT } from '../childRecords';
import { idParameter } from '../common';
import { optionsCollection } from '../../../shared/collections';
import { recordLocator } from '../../../shared/recordLocator';
import { SIGNING } from '../../../shared/records';
import { OperationItems, type KrebitOperation } from '../types';
import { nodeError, statusOf } from './refusals';

/** The file name a Content-Disposition header gives (RFC 6266 `filename*` first), if any. */
export function fileNameFromDisposition(disposition: string | undefined): string | undefined {
	if (!disposition) return undefined;
	const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)?'[^']*'([^;]+)/.exec(disposition);
	if (extended) {
		try {
			return decodeURIComponent(extended[1].trim());
		} catch {
			// A malformed escape: fall back to the plain filename parameter.
		}
	}
	const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/.exec(disposition);
	const name = (plain?.[1] ?? plain?.[2])?.replace(/\\(.)/g, '$1').trim();
	// Only the last path part: a name must not point anywhere.
	return name ? name.split(/[\\/]/).pop() || undefined : undefined;
}

const NOT_READY =
	'A document can be downloaded once every recipient has signed and Krebit has sealed it. Start this from the Krebit Trigger on "signing.document.completed", or check the status with Signing > Get Many Documents.';

export const downloadSigningDocument: KrebitOperation = {
	value: 'downloadDocument',
	name: 'Download Document',
	action: 'Download the sealed document of a signing',
	description: 'Get the sealed (signed) PDF of a completed signing as binary data',
	properties: [
		recordLocator(SIGNING, 'signingId', 'The completed signing'),
		recordLocator(DOCUMENT, 'documentId', 'The document to download (From List shows the documents of the signing above)'),
		{
			displayName: 'Put Output File in Field',
			name: 'binaryPropertyName',
			type: 'string',
			required: true,
			default: 'data',
			hint: 'The name of the output binary field to put the PDF in',
		},
		optionsCollection(
			[
				{
					displayName: 'File Name',
					name: 'fileName',
					type: 'string',
					default: '',
					placeholder: 'e.g. agreement-signed.pdf',
					description: 'Name of the output file. Default: the name Krebit gives it.',
				},
			],
			'downloadOptions',
		),
	],
	async execute(itemIndex) {
		const signingId = idParameter.call(this, 'signingId', itemIndex, SIGNING);
		const documentId = idParameter.call(this, 'documentId', itemIndex, DOCUMENT);
		const field = String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data') ?? '').trim() || 'data';
		const options = this.getNodeParameter('downloadOptions', itemIndex, {}) as IDataObject;

		let file;
		try {
			file = await krebitDownload(this, {
				method: 'GET',
				path: `/signings/${signingId}/documents/${documentId}/download`,
				itemIndex,
				action: `Download document ${documentId} of signing ${signingId}`,
				notFound: `No document ${documentId} on signing ${signingId} in this Krebit organization`,
			});
		} catch (error) {
			const status = statusOf(error);
			throw nodeError(this, error, itemIndex, status === 400 || status === 409 ? NOT_READY : undefined);
		}
		if (!file.data.subarray(0, 1024).includes('%PDF-')) {
			throw new NodeOperationError(this.getNode(), `Krebit did not answer with a PDF for document ${documentId}`, {
				description: `The answer was ${file.data.length} bytes of ${headerValue(file.headers, 'content-type') ?? 'unknown type'}. ${NOT_READY}`,
				itemIndex,
			});
		}
		const fileName =
			String(options.fileName ?? '').trim() ||
			fileNameFromDisposition(headerValue(file.headers, 'content-disposition')) ||
			`signing-${signingId}-${documentId}.pdf`;
		const binary = await this.helpers.prepareBinaryData(file.data, fileName, 'application/pdf');
		const json: IDataObject = {
			signing_id: signingId,
			document_id: documentId,
			file_name: fileName,
			mime_type: 'application/pdf',
			size: file.data.length,
		};
		return new OperationItems([{ json, binary: { [field]: binary } }]);
	},
};
