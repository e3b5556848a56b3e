// Builders for single records (clients, acts, signings), used by the seeded generator and by the
// admin endpoints that add records while the sandbox runs.
import { AGREEMENTS, FIRST_NAMES, LEGAL_FORMS, PLACES, SURNAMES, TRADES, asciiSlug } from './names.mjs';
import { laravelTime } from './random.mjs';

/** The Luhn check digit Swedish organisation numbers end with (weights 2,1,2,... from the left). */
export function luhnDigit(nineDigits) {
	let sum = 0;
	for (let i = 0; i < nineDigits.length; i++) {
		const product = Number(nineDigits[i]) * (i % 2 === 0 ? 2 : 1);
		sum += product > 9 ? product - 9 : product;
	}
	return (10 - (sum % 10)) % 10;
}

/** `556123-4567`: a different number for every id below a million, with a valid check digit. */
export function orgNumber(prefix, id, salt) {
	const middle = String((id * 7919 + salt) % 1_000_000).padStart(6, '0');
	const nine = `${prefix}${middle}`;
	return `${nine.slice(0, 6)}-${nine.slice(6)}${luhnDigit(nine)}`;
}

function companyName(random, form) {
	const pattern = random.weighted(PATTERNS);
	if (pattern === 'surname') return `${random.pick(SURNAMES)} ${random.pick(TRADES)} ${form}`;
	if (pattern === 'place') return `${random.pick(PLACES)} ${random.pick(TRADES)} ${form}`;
	return `${random.pick(SURNAMES)} & ${random.pick(SURNAMES)} ${form}`;
}

function phone(random) {
	return random.next() < 0.6
		? `+46 7${random.pick(['0', '2', '3', '6'])} ${random.digits(3)} ${random.digits(2)} ${random.digits(2)}`
		: `+46 ${random.pick(['8', '31', '40', '18', '13', '60', '90'])} ${random.digits(3)} ${random.digits(2)} ${random.digits(2)}`;
}

const FORM_CHOICES = LEGAL_FORMS.map(([legalForm, digits, weight]) => [[legalForm, digits], weight]);
const PATTERNS = [['surname', 45], ['place', 40], ['partners', 15]];
const RATING_CHOICES = [['A', 45], ['B', 40], ['C', 15]];
const CREDIT_BANDS = { A: [50, 500], B: [10, 150], C: [1, 40] };

/** A client's full profile; the list shows only its essential fields. */
export function buildClient(random, { id, createdMs, updatedMs, salt, name }) {
	const [form, prefix] = random.weighted(FORM_CHOICES);
	const company = name ?? companyName(random, form);
	const rating = random.weighted(RATING_CHOICES);
	const [low, high] = CREDIT_BANDS[rating];
	const first = random.pick(FIRST_NAMES);
	const last = random.pick(SURNAMES);
	const domain = asciiSlug(company.endsWith(form) ? company.slice(0, -form.length) : company) || 'foretag';
	return {
		id,
		company_name: company,
		org_number: orgNumber(prefix, id, salt),
		country: 'SE',
		credit_limit: random.int(low, high) * 10_000,
		currency: 'SEK',
		rating,
		contact_name: `${first} ${last}`,
		contact_email: `${asciiSlug(first)}.${asciiSlug(last)}@${domain}.se`,
		contact_phone: phone(random),
		created_at: laravelTime(createdMs),
		updated_at: laravelTime(updatedMs),
	};
}

export function clientSummary({ id, company_name, org_number, country, updated_at }) {
	return { id, company_name, org_number, country, updated_at };
}

export function buildAct(random, { client, template, createdMs, uuid }) {
	const time = laravelTime(createdMs);
	const cap = Math.max(1, Math.round((client.credit_limit * 1.5) / 10_000));
	return {
		uuid: uuid ?? random.uuid(),
		client_id: client.id,
		template_id: template.id,
		template_name: template.name,
		amount: random.int(1, cap) * 10_000,
		currency: 'SEK',
		language: template.language,
		created_at: time,
		updated_at: time,
	};
}

const MESSAGES = [
	'Hej! Här kommer avtalet för underskrift. Hör av dig om något är oklart.',
	'Please sign the attached agreement at your earliest convenience.',
	'Avtalet gäller från och med den första nästa månad.',
	'',
];

/** A signing; `documents` holds `{id, name, size, sha256}` of what was uploaded. */
export function buildSigning(random, { createdMs, updatedMs, status, name, clientName }) {
	const language = random.weighted([['SV', 75], ['EN', 25]]);
	const agreement = random.pick(AGREEMENTS);
	const documents = [];
	if (status !== 'draft' || random.next() < 0.4) {
		const count = random.int(1, 2);
		for (let i = 0; i < count; i++) {
			documents.push({
				id: random.uuid(),
				name: i === 0 ? `${asciiSlug(agreement)}-${random.digits(4)}.pdf` : `bilaga-${i}.pdf`,
				size: random.int(40_000, 2_400_000),
				sha256: Array.from({ length: 2 }, () => random.uuid().replace(/-/g, '')).join(''),
			});
		}
	}
	return {
		id: random.uuid(),
		name: name ?? `${agreement} ${clientName ?? ''}`.trim(),
		status,
		language,
		signing_order: random.weighted([['sequential', 60], ['parallel', 40]]),
		message: random.pick(MESSAGES),
		documents,
		created_at: laravelTime(createdMs),
		updated_at: laravelTime(updatedMs ?? createdMs),
	};
}
