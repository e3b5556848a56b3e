// One tenant's data, generated from the seed and the tenant's label, and the changes the admin
// endpoints make to it while the sandbox runs.
import { FIRST_NAMES, SURNAMES, asciiSlug } from './names.mjs';
import { createRandom, hashSeed, laravelTime, mixSeed } from './random.mjs';
import { buildAct, buildClient, buildSigning } from './records.mjs';
import { buildTemplates, dataPointsFor } from './templates.mjs';

const DAY = 24 * 3600 * 1000;
/** The seeded history ends here, so the same seed gives the same data on any day. */
const HISTORY_END = Date.UTC(2026, 5, 30, 16, 0, 0);
const CLIENTS_FROM = Date.UTC(2012, 0, 9, 8, 0, 0);
const ACTS_FROM = Date.UTC(2024, 6, 1, 7, 0, 0);
/** Seeded acts belong to the first clients only; later clients have none until one is created. */
export const CLIENTS_WITH_ACTS = 800;
export const SIGNING_STATUSES = ['draft', 'sent', 'completed', 'cancelled'];

function sortByTime(records) {
	return records.sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : 0));
}

/**
 * The tenant's clients, ids 1..n, oldest first. The seeded ones are made on first use, each from
 * its own generator, so starting is instant and every client is the same whatever is read first.
 */
function createClients({ seed, count, salt }) {
	const made = [];
	const added = [];
	const span = HISTORY_END - CLIENTS_FROM;
	const make = (id) => {
		const random = createRandom(mixSeed(seed, id));
		const createdMs = CLIENTS_FROM + Math.floor((span * (id - 1)) / count) + random.int(0, 3600_000);
		const updatedMs = Math.min(HISTORY_END, createdMs + random.int(0, 700) * DAY);
		return buildClient(random, { id, createdMs, updatedMs, salt });
	};
	const get = (id) => {
		if (!Number.isInteger(id) || id < 1) return undefined;
		if (id <= count) return (made[id] ??= make(id));
		return added[id - count - 1];
	};
	return {
		get,
		get total() {
			return count + added.length;
		},
		/** Clients at positions [start, end) in id order. */
		slice(start, end) {
			const records = [];
			for (let id = start + 1; id <= Math.min(end, this.total); id++) records.push(get(id));
			return records;
		},
		add(build) {
			const client = build(this.total + 1);
			added.push(client);
			return client;
		},
	};
}

/**
 * Generates a tenant: `clients` clients (ids 1..n, oldest first), `acts` acts over the first 800
 * clients, three templates, 25 signings, the signed-in user, and no webhooks.
 */
export function createTenant(label, { seed = 42, clients: clientCount = 10_000, acts: actCount = 2000 } = {}) {
	const random = createRandom(hashSeed('tenant', seed, label));
	const salt = hashSeed('org numbers', seed, label) % 1_000_000;
	const templates = buildTemplates();
	const organization = `${label.charAt(0).toUpperCase()}${label.slice(1)} AB`;
	const [first, last] = [random.pick(FIRST_NAMES), random.pick(SURNAMES)];

	const tenant = {
		label,
		random,
		salt,
		lastTime: HISTORY_END,
		user: {
			id: random.uuid(),
			name: `${first} ${last}`,
			email: `${asciiSlug(first)}.${asciiSlug(last)}@${asciiSlug(label) || 'tenant'}.se`,
			organization: { id: random.uuid(), name: organization },
		},
		clients: createClients({ seed: hashSeed('clients', seed, label), count: clientCount, salt }),
		acts: [],
		actsByUuid: new Map(),
		templates,
		templatesById: new Map(templates.map((template) => [template.id, template])),
		signings: [],
		signingsById: new Map(),
		webhooks: [],
		nextWebhookId: 1,
	};

	const withActs = Math.min(CLIENTS_WITH_ACTS, clientCount);
	const seeded = [];
	for (let i = 0; i < actCount && withActs > 0; i++) {
		const client = tenant.clients.get(random.int(1, withActs));
		const template = templates[random.weighted([[0, 60], [1, 25], [2, 15]])];
		const createdMs = ACTS_FROM + random.int(0, Math.floor((HISTORY_END - ACTS_FROM) / 1000)) * 1000;
		seeded.push(buildAct(random, { client, template, createdMs }));
	}
	for (const act of sortByTime(seeded)) addAct(tenant, act);

	const signings = [];
	for (let i = 0; i < 25; i++) {
		const status = random.weighted([['draft', 6], ['sent', 8], ['completed', 8], ['cancelled', 3]]);
		const createdMs = HISTORY_END - random.int(1, 120) * DAY + random.int(0, 8 * 3600) * 1000;
		const updatedMs = status === 'draft' ? createdMs : Math.min(HISTORY_END, createdMs + random.int(1, 10) * DAY);
		const clientName = clientCount > 0 ? tenant.clients.get(random.int(1, clientCount)).company_name : undefined;
		signings.push(buildSigning(random, { createdMs, updatedMs, status, clientName }));
	}
	for (const signing of sortByTime(signings)) addSigning(tenant, signing);
	return tenant;
}

function addAct(tenant, act) {
	tenant.acts.push(act);
	tenant.actsByUuid.set(act.uuid, { act, number: tenant.acts.length });
	return act;
}

function addSigning(tenant, signing) {
	tenant.signings.push(signing);
	tenant.signingsById.set(signing.id, signing);
	return signing;
}

/** Now, but always later than anything the tenant recorded before, so "newest first" holds. */
export function nextTime(tenant) {
	tenant.lastTime = Math.max(Date.now(), tenant.lastTime + 1);
	return tenant.lastTime;
}

export function dataPointsOf(tenant, uuid) {
	const entry = tenant.actsByUuid.get(uuid);
	if (!entry) return undefined;
	const template = tenant.templatesById.get(entry.act.template_id);
	const points = dataPointsFor(entry.act, entry.number, template, tenant.clients.get(entry.act.client_id));
	// Values written through the API while the sandbox runs.
	for (const point of points) {
		const key = `${uuid}/${point.id}`;
		if (tenant.dataPointValues?.has(key)) point.value = tenant.dataPointValues.get(key);
	}
	return points;
}

export function latestActOf(tenant, clientId) {
	for (let i = tenant.acts.length - 1; i >= 0; i--) if (tenant.acts[i].client_id === clientId) return tenant.acts[i];
	return undefined;
}

export function createClient(tenant, { companyName } = {}) {
	const time = nextTime(tenant);
	return tenant.clients.add((id) => buildClient(tenant.random, { id, createdMs: time, updatedMs: time, salt: tenant.salt, name: companyName }));
}

/** A new act for the client (or a random one of the first clients), newest of all. */
export function createAct(tenant, { clientId } = {}) {
	const client =
		clientId === undefined
			? tenant.clients.get(tenant.random.int(1, Math.min(CLIENTS_WITH_ACTS, tenant.clients.total)))
			: tenant.clients.get(Number(clientId));
	if (!client) return undefined;
	const template = tenant.templates[tenant.random.weighted([[0, 60], [1, 25], [2, 15]])];
	return addAct(tenant, buildAct(tenant.random, { client, template, createdMs: nextTime(tenant) }));
}

export function createSigning(tenant, { name, language, signingOrder, message, status = 'draft' } = {}) {
	const signing = buildSigning(tenant.random, { createdMs: nextTime(tenant), status, name: name ?? `Avtal ${tenant.signings.length + 1}` });
	signing.documents = [];
	if (language) signing.language = language;
	if (signingOrder) signing.signing_order = signingOrder;
	if (message !== undefined) signing.message = message;
	return addSigning(tenant, signing);
}

export function setSigningStatus(tenant, signing, status) {
	signing.status = status;
	signing.updated_at = laravelTime(nextTime(tenant));
	return signing;
}
