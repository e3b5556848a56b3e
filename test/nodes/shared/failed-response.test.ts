import { NodeApiError as NodeApiError1 } from 'n8n-workflow-1';

import { failedResponseOf, krebitApiError } from '../../../nodes/shared/transport/errors';

const node = { id: '1', name: 'Krebit', type: 'n8n-nodes-krebit.krebit', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };

/** What axios throws for a 404 with Krebit's JSON body and request ID header. */
function axios404() {
	const error = new Error('Request failed with status code 404') as Error & Record<string, unknown>;
	error.isAxiosError = true;
	error.response = { status: 404, data: { message: 'Client not found.' }, headers: { request_id: 'req-404' } };
	return error;
}

describe('failedResponseOf: the failed Krebit answer inside what n8n throws', () => {
	test('n8n 2.x: the original error is the cause; status, body and headers are kept', () => {
		const wrapped = Object.assign(new Error('wrapped'), { cause: axios404() });
		expect(failedResponseOf(wrapped)).toEqual({ status: 404, body: { message: 'Client not found.' }, headers: { request_id: 'req-404' } });
	});

	test("n8n 1.x (n8n-workflow 1.120's NodeApiError): status and Krebit's message survive, headers do not", () => {
		const thrown = new NodeApiError1(node, axios404() as never);
		const failed = failedResponseOf(thrown);
		expect(failed).toEqual({ status: 404, body: { message: 'Client not found.' }, headers: {} });
		const error = krebitApiError(node, failed!, { itemIndex: 0, action: 'Get client 99', notFound: 'No client with ID 99' });
		expect(error.message).toContain('Client not found.');
		expect(error.description).toContain('No client with ID 99');
	});

	test('an error with no HTTP answer in it (no connection) gives nothing', () => {
		expect(failedResponseOf(new Error('connect ECONNREFUSED 127.0.0.1:443'))).toBeUndefined();
	});
});
