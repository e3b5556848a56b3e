// Word lists for realistic Swedish companies and people.

export const SURNAMES = [
	'Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsson', 'Olsson', 'Persson', 'Svensson', 'Gustafsson',
	'Pettersson', 'Jonsson', 'Jansson', 'Hansson', 'Bengtsson', 'Jönsson', 'Lindberg', 'Jakobsson', 'Magnusson', 'Lindström',
	'Olofsson', 'Lindqvist', 'Lindgren', 'Berg', 'Axelsson', 'Bergström', 'Lundberg', 'Lundgren', 'Lind', 'Lundqvist',
	'Mattsson', 'Berglund', 'Fredriksson', 'Sandberg', 'Henriksson', 'Forsberg', 'Sjöberg', 'Wallin', 'Engström', 'Eklund',
	'Danielsson', 'Lundin', 'Håkansson', 'Björk', 'Bergman', 'Gunnarsson', 'Holm', 'Wikström', 'Samuelsson', 'Isaksson',
	'Fransson', 'Bergqvist', 'Nyström', 'Holmberg', 'Arvidsson', 'Löfgren', 'Söderberg', 'Nyberg', 'Blomqvist', 'Claesson',
	'Nordström', 'Mårtensson', 'Lundström', 'Viklund', 'Björklund', 'Eliasson', 'Pålsson', 'Berggren', 'Sandström', 'Lund',
	'Nordin', 'Ström', 'Åberg', 'Hermansson', 'Ekström', 'Holmgren', 'Sundberg', 'Hedlund', 'Dahlberg', 'Hellström',
	'Sjögren', 'Abrahamsson', 'Martinsson', 'Öberg', 'Andreasson', 'Strömberg', 'Månsson', 'Åkesson', 'Hansen', 'Norberg',
];

export const FIRST_NAMES = [
	'Anna', 'Eva', 'Maria', 'Karin', 'Sara', 'Christina', 'Lena', 'Emma', 'Kerstin', 'Marie', 'Malin', 'Ingrid', 'Linnéa',
	'Elin', 'Sofia', 'Jenny', 'Hanna', 'Ida', 'Johanna', 'Åsa', 'Lars', 'Mikael', 'Anders', 'Johan', 'Erik', 'Per',
	'Karl', 'Peter', 'Thomas', 'Jan', 'Daniel', 'Fredrik', 'Hans', 'Andreas', 'Stefan', 'Mats', 'Magnus', 'Björn',
	'Göran', 'Ulf', 'Jörgen', 'Håkan', 'Oskar', 'Måns', 'Linus', 'Sören', 'Agnès', 'René', 'Zoë', 'Chloé',
];

export const PLACES = [
	'Nordic', 'Skandia', 'Norrland', 'Göta', 'Svea', 'Mälardalens', 'Östgöta', 'Västkust', 'Fjäll', 'Skärgårds',
	'Kust', 'Älvdals', 'Söder', 'Norra', 'Roslagens', 'Småland', 'Dalarna', 'Värmlands', 'Gävle', 'Örebro',
	'Uppsala', 'Lund', 'Malmö', 'Göteborgs', 'Stockholms', 'Sundsvall', 'Luleå', 'Umeå', 'Jönköpings', 'Västerås',
];

export const TRADES = [
	'Bygg', 'Kapital', 'Handel', 'Transport', 'Fastigheter', 'Konsult', 'Elektriska', 'Måleri', 'VVS', 'Redovisning',
	'Logistik', 'Invest', 'Teknik', 'Livsmedel', 'Snickeri', 'Åkeri', 'Skog', 'Data', 'Design', 'Verkstad',
	'Städ', 'Plåt', 'Mark & Anläggning', 'Revision', 'Café', 'Bageri', 'Trädgård', 'Energi', 'Maskin', 'Hälsa',
];

/** Legal form, org number prefix, weight. */
export const LEGAL_FORMS = [
	['AB', '556', 62],
	['AB', '559', 20],
	['Handelsbolag', '969', 7],
	['HB', '969', 4],
	['Kommanditbolag', '916', 3],
	['Ekonomisk förening', '769', 4],
];

export const INDUSTRIES = ['Bygg och anläggning', 'Handel', 'Transport', 'Fastigheter', 'IT och data', 'Tillverkning', 'Tjänster', 'Livsmedel', 'Energi'];

export const AGREEMENTS = ['Kreditavtal', 'Borgensåtagande', 'Leasingavtal', 'Ramavtal', 'Factoringavtal', 'Sekretessavtal', 'Credit agreement', 'Guarantee'];

const slugs = new Map();
const LETTERS = { å: 'a', ä: 'a', à: 'a', á: 'a', ö: 'o', ø: 'o', ó: 'o', é: 'e', è: 'e', ë: 'e', ü: 'u', æ: 'ae' };

/** ASCII for e-mail addresses and domains: "Åkesson & Söner" -> "akessonsoner". */
export function asciiSlug(text) {
	let slug = slugs.get(text);
	if (slug === undefined) {
		slug = text.toLowerCase().replace(/[^a-z0-9]/g, (char) => LETTERS[char] ?? '');
		slugs.set(text, slug);
	}
	return slug;
}
