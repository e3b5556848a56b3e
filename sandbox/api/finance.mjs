// Krebit Finance: the current user, clients, acts with their data points, and templates.
import { clientSummary } from '../data/records.mjs';
import { templateSummary } from '../data/templates.mjs';
import { dataPointsOf, latestActOf } from '../data/tenant.mjs';
import { notFound, reply } from '../http.mjs';
import { paginate } from './pagination.mjs';

function clientOf(tenant, id) {
	const client = /^\d+$/.test(id) ? tenant.clients.get(Number(id)) : undefined;
	if (!client) throw notFound('Client');
	return client;
}

function actOf(tenant, uuid) {
	const entry = tenant.actsByUuid.get(uuid.toLowerCase());
	if (!entry) throw notFound('Act');
	return entry.act;
}

const compactOrgNumber = (value) => String(value ?? '').replace(/[\s-]/g, '').toUpperCase();

/** The clients with this org number, from an index built on first use (and when clients were added). */
function clientsWithOrgNumber(tenant, orgNumber) {
	const { clients } = tenant;
	if (!tenant.orgIndex || tenant.orgIndex.size !== clients.total) {
		const ids = new Map();
		for (let id = 1; id <= clients.total; id++) {
			const key = compactOrgNumber(clients.get(id).org_number);
			ids.set(key, [...(ids.get(key) ?? []), id]);
		}
		tenant.orgIndex = { size: clients.total, ids };
	}
	return (tenant.orgIndex.ids.get(compactOrgNumber(orgNumber)) ?? []).map((id) => clients.get(id));
}

/** Acts newest first, optionally one client's. */
function actsNewestFirst(tenant, clientId) {
	const acts = [];
	for (let i = tenant.acts.length - 1; i >= 0; i--) {
		if (clientId === undefined || tenant.acts[i].client_id === clientId) acts.push(tenant.acts[i]);
	}
	return acts;
}

export const financeRoutes = [
	{
		method: 'GET',
		pattern: /^\/me$/,
		handle: ({ tenant }) => reply(200, { data: tenant.user }),
	},
	{
		method: 'GET',
		pattern: /^\/clients$/,
		handle: (ctx) => {
			const { clients } = ctx.tenant;
			const orgNumber = ctx.url.searchParams.get('org_number');
			// The org-number lookup: with or without "-" and spaces, exact after that.
			if (orgNumber !== null && orgNumber.trim() !== '') return reply(200, paginate(ctx, clientsWithOrgNumber(ctx.tenant, orgNumber).map(clientSummary)));
			return reply(200, paginate(ctx, { total: clients.total, slice: (start, end) => clients.slice(start, end).map(clientSummary) }));
		},
	},
	{
		method: 'GET',
		pattern: /^\/clients\/(?<id>[^/]+)$/,
		handle: ({ tenant }, { id }) => reply(200, { data: clientOf(tenant, id) }),
	},
	{
		method: 'GET',
		pattern: /^\/clients\/(?<id>[^/]+)\/acts\/latest$/,
		handle: ({ tenant }, { id }) => {
			const act = latestActOf(tenant, clientOf(tenant, id).id);
			if (!act) throw notFound('Act');
			return reply(200, { data: act });
		},
	},
	{
		method: 'GET',
		pattern: /^\/acts$/,
		handle: (ctx) => {
			const raw = ctx.url.searchParams.get('client_id');
			const clientId = raw === null || raw === '' ? undefined : Number(raw);
			return reply(200, paginate(ctx, actsNewestFirst(ctx.tenant, clientId)));
		},
	},
	{
		method: 'GET',
		pattern: /^\/acts\/(?<uuid>[^/]+)$/,
		handle: ({ tenant }, { uuid }) => reply(200, { data: actOf(tenant, uuid) }),
	},
	{
		method: 'GET',
		pattern: /^\/acts\/(?<uuid>[^/]+)\/data$/,
		handle: ({ tenant }, { uuid }) => reply(200, { data: dataPointsOf(tenant, actOf(tenant, uuid).uuid) }),
	},
	{
		method: 'GET',
		pattern: /^\/templates$/,
		handle: (ctx) => {
			const name = (ctx.url.searchParams.get('name') ?? '').toLowerCase();
			const country = (ctx.url.searchParams.get('country') ?? '').toUpperCase();
			const templates = ctx.tenant.templates
				.filter((template) => (!name || template.name.toLowerCase().includes(name)) && (!country || template.country === country))
				.map(templateSummary);
			return reply(200, paginate(ctx, templates));
		},
	},
	{
		method: 'GET',
		pattern: /^\/templates\/(?<id>[^/]+)$/,
		handle: ({ tenant }, { id }) => {
			const template = /^\d+$/.test(id) ? tenant.templatesById.get(Number(id)) : undefined;
			if (!template) throw notFound('Template');
			return reply(200, { data: template });
		},
	},
];
