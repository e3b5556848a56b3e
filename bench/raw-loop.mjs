// c. The floor for fetching the list: a plain sequential HTTPS loop in Node, outside n8n, one
// keep-alive connection, page after page until meta.last_page, JSON.parse of every answer.
import { Agent, request } from 'node:https';

import { PAGE_CAP } from './list-workflows.mjs';

function get(agent, sandbox, path, token) {
	return new Promise((resolve, reject) => {
		const req = request(
			{
				agent,
				host: '127.0.0.1',
				port: sandbox.port,
				servername: 'demo.krebit.se',
				path,
				headers: { host: 'demo.krebit.se', accept: 'application/json', authorization: `Bearer ${token}` },
			},
			(res) => {
				const chunks = [];
				res.on('data', (chunk) => chunks.push(chunk));
				res.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					if (res.statusCode !== 200) reject(new Error(`raw loop: GET ${path} answered ${res.statusCode} ${text.slice(0, 200)}`));
					else resolve(JSON.parse(text));
				});
				res.on('error', reject);
			},
		);
		req.on('error', reject);
		req.end();
	});
}

/** Every client, page by page; the token is fetched beforehand (as n8n keeps its own). */
export async function rawLoop(sandbox, token) {
	const agent = new Agent({ keepAlive: true, maxSockets: 1, ca: sandbox.client.ca });
	try {
		const records = [];
		for (let page = 1; ; page++) {
			const body = await get(agent, sandbox, `/api/1.0/clients?limit=${PAGE_CAP}&page=${page}`, token);
			for (const record of body.data) records.push(record);
			if (body.data.length === 0 || page >= body.meta.last_page) return records;
		}
	} finally {
		agent.destroy();
	}
}
