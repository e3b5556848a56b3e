import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { isValidId, TEMPLATE } from '../../../shared/records';
import { krebitRequest, unwrapList, unwrapRecord } from '../../../shared/transport/request';
import { checkValue, findPoint, optionsByField } from './dataPointValues';

/** One value to write: the data point and the value as Krebit stores it. */
export interface PointUpdate {
	id: string | number;
	name: string;
	value: unknown;
}

export async function readDataPoints(context: IExecuteFunctions, uuid: string, itemIndex: number): Promise<IDataObject[]> {
	const body = await krebitRequest(context, {
		method: 'GET',
		path: `/acts/${uuid}/data`,
		itemIndex,
		action: `Get the data points of act ${uuid}`,
		notFound: `No act with UUID ${uuid} in this Krebit organization`,
	});
	const list = unwrapList(body);
	if (!list) {
		throw new NodeOperationError(context.getNode(), `Krebit did not answer with a list of data points for act ${uuid}`, {
			description: 'The answer had no "data" array. Check the act UUID; if it is right, contact Krebit support.',
			itemIndex,
		});
	}
	return list.records;
}

/** The options of the act's template fields: two requests, made only when a select is written. */
async function templateOptions(context: IExecuteFunctions, uuid: string, itemIndex: number): Promise<Map<string, unknown[]>> {
	const act = unwrapRecord(
		await krebitRequest(context, { method: 'GET', path: `/acts/${uuid}`, itemIndex, action: `Get act ${uuid}` }),
	);
	const templateId = String(act.template_id ?? '');
	if (!isValidId(TEMPLATE, templateId)) return new Map();
	const template = unwrapRecord(
		await krebitRequest(context, { method: 'GET', path: `/templates/${templateId}`, itemIndex, action: `Get template ${templateId}` }),
	);
	return optionsByField(template);
}

/**
 * Matches each `name or id: value` to a data point of the act and checks the value against it
 * (type, required, the template's options). All problems are reported at once, before anything
 * is sent. With `validate` off the keys must still name data points, values go as they are.
 */
export async function planUpdates(
	context: IExecuteFunctions,
	uuid: string,
	itemIndex: number,
	values: Array<[string, unknown]>,
	validate: boolean,
	known?: IDataObject[],
): Promise<PointUpdate[]> {
	const points = known ?? (await readDataPoints(context, uuid, itemIndex));
	const problems: string[] = [];
	const found: Array<[IDataObject, unknown, string]> = [];
	for (const [key, value] of values) {
		const point = findPoint(points, key);
		if (point === undefined) problems.push(`"${key}" is not a data point of this act`);
		else if (Array.isArray(point)) problems.push(`"${key}" names ${point.length} data points (IDs ${point.map((p) => p.id).join(', ')}): use the ID`);
		else found.push([point, value, key]);
	}
	const needsOptions = validate && found.some(([point]) => String(point.type).toLowerCase() === 'select');
	const options = needsOptions ? await templateOptions(context, uuid, itemIndex) : new Map<string, unknown[]>();
	const updates: PointUpdate[] = [];
	for (const [point, value, key] of found) {
		const label = String(point.name ?? key);
		if (!validate) {
			updates.push({ id: point.id as string | number, name: label, value });
			continue;
		}
		const checked = checkValue(point, value, options.get(String(point.template_field_id)));
		if (checked.ok) updates.push({ id: point.id as string | number, name: label, value: checked.value });
		else problems.push(`"${label}" ${checked.problem}`);
	}
	if (problems.length > 0) {
		throw new NodeOperationError(context.getNode(), `${problems.length === 1 ? 'A value does' : `${problems.length} values do`} not fit act ${uuid}: ${problems[0]}`, {
			description: `${problems.join('; ')}. Nothing was sent to Krebit. Data point names: ${points
				.slice(0, 30)
				.map((point) => point.name)
				.join(', ')}${points.length > 30 ? ', …' : ''}.`,
			itemIndex,
		});
	}
	return updates;
}
