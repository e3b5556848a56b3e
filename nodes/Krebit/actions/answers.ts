import type { IDataObject } from 'n8n-workflow';

import { unwrapRecord } from '../../shared/transport/request';

/** A record from an answer that may be empty (202, 204): the record, or `fallback`. */
export function recordOrFallback(body: unknown, fallback: IDataObject): IDataObject {
	if (body === undefined || body === null || body === '' || (Buffer.isBuffer(body) && body.length === 0)) return fallback;
	const record = unwrapRecord(body);
	return Object.keys(record).length === 0 ? fallback : record;
}
