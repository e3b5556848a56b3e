// Krebit Finance writes: one data point (PATCH) or several at once (PUT), checked against the
// act's template as Krebit validates them (400 with field errors), kept while the sandbox runs.
import { dataPointsOf } from '../data/tenant.mjs';
import { HttpError, notFound, parseFields, readBody, reply, validationError } from '../http.mjs';

const NUMBER_TYPES = new Set(['number', 'currency', 'percent']);

/** Why `value` does not fit the data point (and its template field's options), or undefined. */
function problemWith(point, value, options) {
	if (value === null || value === '') return point.required ? `The ${point.name} field is required.` : undefined;
	if (NUMBER_TYPES.has(point.type) && (typeof value !== 'number' || !Number.isFinite(value))) return `The ${point.name} field must be a number.`;
	if (point.type === 'boolean' && typeof value !== 'boolean') return `The ${point.name} field must be true or false.`;
	if (point.type === 'date' && !(typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value))) return `The ${point.name} field must be a date (YYYY-MM-DD).`;
	if (point.type === 'select' && !(options ?? []).includes(value)) return `The selected ${point.name} is invalid.`;
	if (['text', 'textarea'].includes(point.type) && typeof value !== 'string') return `The ${point.name} field must be a string.`;
	return undefined;
}

function fieldOptions(tenant, act) {
	const template = tenant.templatesById.get(act.template_id);
	const options = new Map();
	for (const tab of template.tabs) for (const section of tab.sections) for (const field of section.fields) options.set(field.id, field.options);
	return options;
}

function actEntry(tenant, uuid) {
	const entry = tenant.actsByUuid.get(uuid.toLowerCase());
	if (!entry) throw notFound('Act');
	return entry;
}

async function jsonValues(req) {
	return parseFields(await readBody(req, 256 * 1024), req.headers['content-type'] ?? 'application/json').values;
}

/** Checks every change first; writes them all or none. */
function write(tenant, act, changes, fieldName) {
	const points = new Map(dataPointsOf(tenant, act.uuid).map((point) => [String(point.id), point]));
	const options = fieldOptions(tenant, act);
	const errors = {};
	changes.forEach((change, index) => {
		const point = points.get(String(change.id));
		if (!point) errors[fieldName(index, 'id')] = [`The selected data point ${change.id} is invalid.`];
		else if (!Object.hasOwn(change, 'value')) errors[fieldName(index, 'value')] = ['The value field must be present.'];
		else {
			const problem = problemWith(point, change.value, options.get(point.template_field_id));
			if (problem) errors[fieldName(index, 'value')] = [problem];
		}
	});
	if (Object.keys(errors).length > 0) throw validationError(errors);
	tenant.dataPointValues ??= new Map();
	for (const change of changes) tenant.dataPointValues.set(`${act.uuid}/${change.id}`, change.value);
	return dataPointsOf(tenant, act.uuid);
}

export const dataPointRoutes = [
	{
		method: 'PATCH',
		pattern: /^\/acts\/(?<uuid>[^/]+)\/data\/(?<pointId>[^/]+)$/,
		handle: async ({ tenant, req }, { uuid, pointId }) => {
			const { act } = actEntry(tenant, uuid);
			const values = await jsonValues(req);
			if (!dataPointsOf(tenant, act.uuid).some((point) => String(point.id) === pointId)) throw notFound('Data point');
			const points = write(tenant, act, [{ id: pointId, ...values }], (_index, field) => field);
			return reply(200, { data: points.find((point) => String(point.id) === pointId) });
		},
	},
	{
		method: 'PUT',
		pattern: /^\/acts\/(?<uuid>[^/]+)\/data$/,
		handle: async ({ tenant, req }, { uuid }) => {
			const { act } = actEntry(tenant, uuid);
			const { data } = await jsonValues(req);
			if (!Array.isArray(data) || data.length === 0) throw validationError({ data: ['The data field must be a list of {id, value}.'] });
			if (data.some((change) => change === null || typeof change !== 'object')) throw new HttpError(400, { message: 'Each entry of data must be an object.' });
			const points = write(tenant, act, data, (index, field) => `data.${index}.${field}`);
			const changed = new Set(data.map((change) => String(change.id)));
			return reply(200, { data: points.filter((point) => changed.has(String(point.id))) });
		},
	},
];
