// Webhook subscriptions: create (the answer carries the signing secret), list (never the
// secret), delete.
import { randomBytes } from 'node:crypto';

import { laravelTime } from '../data/random.mjs';
import { nextTime } from '../data/tenant.mjs';
import { notFound, parseFields, readBody, reply, validationError } from '../http.mjs';
import { paginate } from './pagination.mjs';

/** Dotted lower-case names such as act.created or signing.document.completed. */
const EVENT_NAME = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;

function checkSubscription({ event, target }) {
	const errors = {};
	if (event === undefined || event === null || event === '') errors.event = ['The event field is required.'];
	else if (typeof event !== 'string' || !EVENT_NAME.test(event)) errors.event = ['The selected event is invalid.'];
	if (target === undefined || target === null || target === '') errors.target = ['The target field is required.'];
	else {
		let url;
		try {
			url = new URL(String(target));
		} catch {
			url = undefined;
		}
		if (!url || !['http:', 'https:'].includes(url.protocol)) errors.target = ['The target must be a valid URL starting with https:// or http://.'];
	}
	if (Object.keys(errors).length > 0) throw validationError(errors);
}

export const webhookListFields = ({ id, event, target, created_at }) => ({ id, event, target, created_at });

export const webhookRoutes = [
	{
		method: 'POST',
		pattern: /^\/webhooks$/,
		handle: async ({ tenant, req, token }) => {
			const { values } = parseFields(await readBody(req, 64 * 1024), req.headers['content-type']);
			checkSubscription(values);
			const subscription = {
				id: tenant.nextWebhookId++,
				event: values.event,
				target: String(values.target),
				secret: randomBytes(32).toString('hex'),
				created_at: laravelTime(nextTime(tenant)),
			};
			Object.defineProperty(subscription, 'clientId', { value: token.clientId, enumerable: false });
			tenant.webhooks.push(subscription);
			return reply(201, { data: { ...subscription } });
		},
	},
	{
		method: 'GET',
		pattern: /^\/webhooks$/,
		handle: (ctx) => reply(200, paginate(ctx, ctx.tenant.webhooks.map(webhookListFields))),
	},
	{
		method: 'DELETE',
		pattern: /^\/webhooks\/(?<id>[^/]+)$/,
		handle: ({ tenant }, { id }) => {
			const index = tenant.webhooks.findIndex((subscription) => String(subscription.id) === id);
			if (index === -1) throw notFound('Webhook');
			tenant.webhooks.splice(index, 1);
			return reply(204);
		},
	},
];
