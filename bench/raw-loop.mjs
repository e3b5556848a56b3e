// c. The floor for fetching the list: a plain sequential HTTPS loop in Node, outside n8n, one
// keep-alive connection, page after page until meta.last_page, JSON.parse of every answer.
import { Agent } from 'node:https';

import { PAGE_CAP } from './list-workflows.mjs';

/** Every client, page by page; the token is fetched beforehand (as n8n keeps its own). */
export async function rawLoop(sandbox, token) {
	const agent = new Agent({ keepAlive: true, maxSockets: 1, ca: sandbox.client.ca });
	try {
		const records = [];
		for (let page = 1; ; page++) {
			const path = `/api/1.0/clients?limit=${PAGE_CAP}&page=${page}`;
			const answer = await sandbox.client.request('GET', path, { headers: { authorization: `Bearer ${token}` }, agent });
			if (answer.status !== 200) throw new Error(`raw loop: GET ${path} answered ${answer.status} ${answer.text.slice(0, 200)}`);
			records.push(...answer.json.data);
			if (answer.json.data.length === 0 || page >= answer.json.meta.last_page) return records;
		}
	} finally {
		agent.destroy();
	}
}
