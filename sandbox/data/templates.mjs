// The three Krebit templates every tenant has, and the data points an act captures with one.
import { INDUSTRIES } from './names.mjs';
import { createRandom, hashSeed } from './random.mjs';

const TEMPLATE_TIME = '2024-02-12T09:30:00.000000Z';
const RATINGS = ['A', 'B', 'C'];

// [tab name, [[section name, [[field name, type, required, options?, role?], ...]], ...]]
const LAYOUTS = [
	{
		name: 'Kreditbedömning företag', country: 'SE', language: 'sv',
		tabs: [
			['Företagsuppgifter', [['Grunduppgifter', [['Organisationsnummer', 'text', true, null, 'org'], ['Bransch', 'select', true, INDUSTRIES], ['Antal anställda', 'number', false]]]]],
			['Ekonomi', [
				['Resultaträkning', [['Omsättning', 'currency', true, null, 'revenue'], ['Rörelseresultat', 'currency', false, null, 'result']]],
				['Balansräkning', [['Eget kapital', 'currency', false], ['Soliditet (%)', 'percent', false], ['Kassalikviditet (%)', 'percent', false]]],
			]],
			['Bedömning', [['Beslut', [['Rekommenderad kreditgräns', 'currency', true, null, 'amount'], ['Riskklass', 'select', true, RATINGS], ['Kommentar', 'textarea', false, null, 'comment'], ['Beslutsdatum', 'date', true], ['Godkänd', 'boolean', true]]]]],
		],
	},
	{
		name: 'Kreditbedömning enskild firma', country: 'SE', language: 'sv',
		tabs: [
			['Firma', [['Innehavare', [['Innehavarens namn', 'text', true, null, 'owner'], ['Registrerad för F-skatt', 'boolean', true], ['Bransch', 'select', false, INDUSTRIES]]]]],
			['Ekonomi', [['Senaste deklaration', [['Omsättning', 'currency', true, null, 'revenue'], ['Resultat', 'currency', true, null, 'result'], ['Betalningsanmärkningar', 'number', true]]]]],
			['Bedömning', [['Beslut', [['Rekommenderad kreditgräns', 'currency', true, null, 'amount'], ['Riskklass', 'select', true, RATINGS], ['Kommentar', 'textarea', false, null, 'comment']]]]],
		],
	},
	{
		name: 'Credit assessment (EN)', country: 'GB', language: 'en',
		tabs: [
			['Company', [['Details', [['Registration number', 'text', true, null, 'org'], ['Industry', 'select', false, INDUSTRIES], ['Employees', 'number', false]]]]],
			['Financials', [['Income statement', [['Revenue', 'currency', true, null, 'revenue'], ['Operating profit', 'currency', false, null, 'result'], ['Equity ratio (%)', 'percent', false]]]]],
			['Decision', [['Outcome', [['Recommended credit limit', 'currency', true, null, 'amount'], ['Risk class', 'select', true, RATINGS], ['Comment', 'textarea', false, null, 'comment'], ['Approved', 'boolean', true]]]]],
		],
	},
];

/** The templates with numbered tabs, sections and fields (ids unique across templates). */
export function buildTemplates() {
	let tabId = 10;
	let sectionId = 100;
	let fieldId = 1000;
	return LAYOUTS.map((layout, index) => ({
		id: index + 1,
		name: layout.name,
		country: layout.country,
		language: layout.language,
		created_at: TEMPLATE_TIME,
		updated_at: TEMPLATE_TIME,
		tabs: layout.tabs.map(([tabName, sections], tabOrder) => ({
			id: ++tabId,
			name: tabName,
			order: tabOrder + 1,
			sections: sections.map(([sectionName, fields], sectionOrder) => ({
				id: ++sectionId,
				name: sectionName,
				order: sectionOrder + 1,
				fields: fields.map(([name, type, required, options, role], fieldOrder) => {
					const field = { id: ++fieldId, name, type, required, options: options ?? null, order: fieldOrder + 1 };
					Object.defineProperty(field, 'role', { value: role, enumerable: false });
					return field;
				}),
			})),
		})),
	}));
}

/** A template without its tabs, as lists show it. */
export function templateSummary({ tabs, ...summary }) {
	return summary;
}

const COMMENTS = [
	'Stabil kassaflödesutveckling, inga anmärkningar.',
	'Ökad skuldsättning jämfört med föregående år; följ upp om sex månader.',
	'Ny kund – begär årsredovisning för 2025.',
	'Säkerhet: borgen från ägaren.',
	'Strong order book; limit reviewed quarterly.',
	null,
];

function valueFor(field, act, client, random) {
	switch (field.role) {
		case 'amount': return act.amount;
		case 'org': return client?.org_number ?? null;
		case 'owner': return client?.contact_name ?? null;
		case 'revenue': return random.int(8, 900) * 10_000;
		case 'result': return random.int(-40, 120) * 5_000;
		case 'comment': return random.pick(COMMENTS);
	}
	if (!field.required && random.next() < 0.15) return null;
	switch (field.type) {
		case 'select': return random.pick(field.options);
		case 'number': return random.int(0, field.name === 'Betalningsanmärkningar' ? 3 : 250);
		case 'percent': return Math.round(random.next() * 9000) / 100;
		case 'currency': return random.int(1, 500) * 10_000;
		case 'boolean': return random.next() < 0.8;
		case 'date': return act.created_at.slice(0, 10);
		default: return '';
	}
}

/** The act's data points, the same every time for the same act. */
export function dataPointsFor(act, actNumber, template, client) {
	const random = createRandom(hashSeed('data points', act.uuid));
	const points = [];
	for (const tab of template.tabs) {
		for (const section of tab.sections) {
			for (const field of section.fields) {
				points.push({
					id: actNumber * 100 + points.length + 1,
					template_field_id: field.id,
					name: field.name,
					type: field.type,
					required: field.required,
					section_id: section.id,
					tab_id: tab.id,
					order: points.length + 1,
					value: valueFor(field, act, client, random),
				});
			}
		}
	}
	return points;
}
