// A small HTTP load balancer on loopback, as in front of n8n's webhook processors: each request
// goes to the next backend in turn (per request, not per connection), and is counted.
import { createServer, request } from 'node:http';

export async function startBalancer({ port, backends }) {
	let next = 0;
	const served = backends.map(() => 0);
	const server = createServer((req, res) => {
		const index = next++ % backends.length;
		served[index]++;
		const upstream = request(
			{ host: '127.0.0.1', port: backends[index], method: req.method, path: req.url, headers: req.headers },
			(answer) => {
				res.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(res);
			},
		);
		upstream.on('error', (error) => {
			res.writeHead(502, { 'content-type': 'text/plain' });
			res.end(`balancer: ${error.message}`);
		});
		req.pipe(upstream);
	});
	await new Promise((done) => server.listen(port, '127.0.0.1', done));
	return {
		port,
		served,
		async stop() {
			server.closeAllConnections();
			await new Promise((done) => server.close(done));
		},
	};
}
