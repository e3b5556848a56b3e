import nock from 'nock';

import { KREBIT } from '../../harness/krebit-harness';
import { answers } from './answers';
import { runKrebit } from './helpers';

const SIGNING = '0f6c3e8a-2b1d-4c5e-8f7a-9b0c1d2e3f40';
const API = `/api/1.0/signings/${SIGNING}`;
const byId = (value: string) => ({ __rl: true, mode: 'id', value });

const addRecipient = {
	resource: 'signing',
	operation: 'addRecipient',
	signingId: byId(SIGNING),
	recipientName: 'Anna Lindqvist',
	email: 'anna@example.se',
};

/** Krebit refusing a change to a live signing, as its guides describe. */
const CANNOT_BE_EDITED: [number, nock.Body] = [400, { message: 'The given data was invalid.', errors: { signing: ['cannot_be_edited'] } }];

describe('Signing > Add Recipient', () => {
	test('posts name, email, position and the additional fields as they are', async () => {
		const scope = nock(KREBIT)
			.post(`${API}/recipients`, { name: 'Anna Lindqvist', email: 'anna@example.se', order: 2, identification: 'bankid', personal_number: '19800101-1234' })
			.reply(201, { data: { id: 7, name: 'Anna Lindqvist', email: 'anna@example.se', order: 2, status: 'pending' } });
		const run = await runKrebit({
			...addRecipient,
			order: 2,
			additionalFields: { field: [{ name: 'identification', value: 'bankid' }, { name: 'personal_number', value: '19800101-1234' }] },
		});
		scope.done();
		expect(run.json('Krebit')).toEqual([{ id: 7, name: 'Anna Lindqvist', email: 'anna@example.se', order: 2, status: 'pending' }]);
	});

	test('position 0 sends no order; an address without @ is refused before sending', async () => {
		const scope = nock(KREBIT)
			.post(`${API}/recipients`, (body) => JSON.stringify(body) === JSON.stringify({ name: 'Anna Lindqvist', email: 'anna@example.se' }))
			.reply(201, { id: 8 });
		expect((await runKrebit(addRecipient)).json('Krebit')).toEqual([{ id: 8 }]);
		scope.done();
		const bad = await runKrebit({ ...addRecipient, email: 'anna.example.se' });
		expect(bad.error('Krebit')?.message).toBe('"anna.example.se" is not an e-mail address');
	});

	test('Krebit 400 with field errors shows them', async () => {
		nock(KREBIT).post(`${API}/recipients`).reply(400, { message: 'The email has already been added.', errors: { email: ['The email has already been added to this signing.'] } });
		const error = (await runKrebit(addRecipient)).error('Krebit')!;
		expect(error.message).toBe(`The email has already been added. (Krebit answered 400 to Add recipient anna@example.se to signing ${SIGNING})`);
		expect(error.description).toContain('Field errors: email: The email has already been added to this signing.');
	});

	test('400 cannot_be_edited: the error says the signing is sent and what to do', async () => {
		nock(KREBIT).post(`${API}/recipients`).reply(...CANNOT_BE_EDITED);
		nock(KREBIT).get(API).reply(200, { data: { id: SIGNING, status: 'sent' } });
		const error = (await runKrebit(addRecipient)).error('Krebit')!;
		expect(error.message).toBe(`Cannot add Anna Lindqvist to the signing: signing ${SIGNING} is sent`);
		expect(error.description).toContain('cancel it (Signing > Cancel) and create a new draft');
	});

	test('404: no such signing', async () => {
		nock(KREBIT).post(`${API}/recipients`).reply(404, {});
		expect((await runKrebit(addRecipient)).error('Krebit')?.message).toBe(`No signing with ID ${SIGNING} in this Krebit organization (Krebit answered 404)`);
	});

	test('503 is not sent again: the recipient may have been added', async () => {
		const krebit = answers('post', `${API}/recipients`, [503, { message: 'Service Unavailable' }], [201, { id: 9 }]);
		const error = (await runKrebit(addRecipient)).error('Krebit')!;
		expect(krebit.calls).toBe(1);
		expect(error.description).toContain('It may or may not have been made');
	});
});

describe('Signing > Get Many Recipients and Remove Recipient', () => {
	test('Get Many Recipients reads every page', async () => {
		nock(KREBIT)
			.get(`${API}/recipients`)
			.query({ limit: 100, page: 1 })
			.reply(200, { data: [{ id: 1, email: 'a@example.se' }, { id: 2, email: 'b@example.se' }], meta: { current_page: 1, last_page: 1 } });
		const run = await runKrebit({ resource: 'signing', operation: 'getRecipients', signingId: byId(SIGNING) });
		expect(run.json('Krebit')).toEqual([{ id: 1, email: 'a@example.se' }, { id: 2, email: 'b@example.se' }]);
	});

	test('Get Many Recipients: 404 names the signing', async () => {
		nock(KREBIT).get(`${API}/recipients`).query(true).reply(404, { message: 'Signing not found.' });
		const error = (await runKrebit({ resource: 'signing', operation: 'getRecipients', signingId: SIGNING })).error('Krebit')!;
		expect(error.message).toBe(`Signing not found. (Krebit answered 404 to Get the recipients of signing ${SIGNING})`);
	});

	test('Get Many Recipients: 400 is shown', async () => {
		nock(KREBIT).get(`${API}/recipients`).query(true).reply(400, { message: 'The limit field must be an integer.' });
		expect((await runKrebit({ resource: 'signing', operation: 'getRecipients', signingId: SIGNING })).error('Krebit')?.httpCode).toBe('400');
	});

	const remove = { resource: 'signing', operation: 'removeRecipient', signingId: byId(SIGNING), recipientId: byId('7') };

	test('Remove Recipient: 204 gives removed: true', async () => {
		const scope = nock(KREBIT).delete(`${API}/recipients/7`).reply(204);
		const run = await runKrebit(remove);
		scope.done();
		expect(run.json('Krebit')).toEqual([{ removed: true, signing_id: SIGNING, recipient_id: '7' }]);
	});

	test('Remove Recipient: 404 and 400 cannot_be_edited', async () => {
		nock(KREBIT).delete(`${API}/recipients/7`).reply(404, {});
		expect((await runKrebit(remove)).error('Krebit')?.message).toBe(`No recipient 7 on signing ${SIGNING} in this Krebit organization (Krebit answered 404)`);
		nock(KREBIT).delete(`${API}/recipients/7`).reply(...CANNOT_BE_EDITED);
		nock(KREBIT).get(API).reply(200, { data: { id: SIGNING, status: 'completed' } });
		const error = (await runKrebit(remove)).error('Krebit')!;
		expect(error.message).toBe(`Cannot remove recipient 7: signing ${SIGNING} is completed`);
		expect(error.description).toContain('Signing > Download Document');
	});
});

describe('Signing > Send', () => {
	const send = { resource: 'signing', operation: 'send', signingId: byId(SIGNING) };

	test('200 with the signing: the live signing is the output', async () => {
		nock(KREBIT).post(`${API}/send`).reply(200, { data: { id: SIGNING, status: 'sent' } });
		expect((await runKrebit(send)).json('Krebit')).toEqual([{ id: SIGNING, status: 'sent' }]);
	});

	test('202 without a body: the output says Krebit accepted it', async () => {
		nock(KREBIT).post(`${API}/send`).reply(202);
		const [item] = (await runKrebit(send)).json('Krebit');
		expect(item).toMatchObject({ id: SIGNING, sent: true });
		expect(item.message).toMatch(/^Krebit accepted the signing for sending/);
	});

	test('400 validation (no document) shows the field errors', async () => {
		nock(KREBIT).post(`${API}/send`).reply(400, { message: 'A signing needs at least one document before it is sent.', errors: { documents: ['A signing needs at least one document before it is sent.'] } });
		const error = (await runKrebit(send)).error('Krebit')!;
		expect(error.message).toBe(`A signing needs at least one document before it is sent. (Krebit answered 400 to Send signing ${SIGNING})`);
	});

	test('400 cannot_be_edited on a cancelled signing says so and what to do; the status could not be read: still clear', async () => {
		nock(KREBIT).post(`${API}/send`).reply(...CANNOT_BE_EDITED);
		nock(KREBIT).get(API).reply(200, { data: { id: SIGNING, status: 'cancelled' } });
		const error = (await runKrebit(send)).error('Krebit')!;
		expect(error.message).toBe(`Cannot send the signing: signing ${SIGNING} is cancelled`);
		expect(error.description).toContain('Create a new draft');

		nock(KREBIT).post(`${API}/send`).reply(...CANNOT_BE_EDITED);
		nock(KREBIT).get(API).reply(404, {});
		expect((await runKrebit(send)).error('Krebit')?.message).toBe(`Cannot send the signing: signing ${SIGNING} is no longer a draft`);
	});

	test('404 names the signing', async () => {
		nock(KREBIT).post(`${API}/send`).reply(404, {});
		expect((await runKrebit(send)).error('Krebit')?.message).toBe(`No signing with ID ${SIGNING} in this Krebit organization (Krebit answered 404)`);
	});

	test('503 is not sent again (the invitations may have gone out)', async () => {
		const krebit = answers('post', `${API}/send`, [503, { message: 'Service Unavailable' }], [200, { id: SIGNING }]);
		const error = (await runKrebit(send)).error('Krebit')!;
		expect(krebit.calls).toBe(1);
		expect(error.message).toBe(`Service Unavailable (Krebit answered 503 to Send signing ${SIGNING})`);
		expect(error.description).toContain('It may or may not have been made');
	});
});

describe('Signing > Send Reminder', () => {
	const remind = { resource: 'signing', operation: 'sendReminder', signingId: byId(SIGNING) };

	test('202 Accepted without a body: the output says Krebit accepted the reminder', async () => {
		const scope = nock(KREBIT).post(`${API}/reminders`).reply(202);
		const run = await runKrebit(remind);
		scope.done();
		expect(run.json('Krebit')).toEqual([
			{ signing_id: SIGNING, accepted: true, message: 'Krebit accepted the reminder; it e-mails the recipients who have not signed yet.' },
		]);
	});

	test('400 (a draft) and 404 are errors', async () => {
		nock(KREBIT).post(`${API}/reminders`).reply(400, { message: 'Reminders go out for sent signings only; the signing is draft.' });
		expect((await runKrebit(remind)).error('Krebit')?.message).toBe(
			`Reminders go out for sent signings only; the signing is draft. (Krebit answered 400 to Send a reminder for signing ${SIGNING})`,
		);
		nock(KREBIT).post(`${API}/reminders`).reply(404, {});
		expect((await runKrebit(remind)).error('Krebit')?.httpCode).toBe('404');
	});

	test('503 is not sent again (a second reminder e-mail)', async () => {
		const krebit = answers('post', `${API}/reminders`, [503, {}], [202, '']);
		await runKrebit(remind);
		expect(krebit.calls).toBe(1);
	});
});

describe('Signing > Cancel', () => {
	const cancel = { resource: 'signing', operation: 'cancel', signingId: byId(SIGNING) };

	test('200 with the cancelled signing', async () => {
		nock(KREBIT).post(`${API}/cancel`).reply(200, { data: { id: SIGNING, status: 'cancelled' } });
		expect((await runKrebit(cancel)).json('Krebit')).toEqual([{ id: SIGNING, status: 'cancelled' }]);
	});

	test('403: the error says cancelling needs a Krebit role', async () => {
		nock(KREBIT).post(`${API}/cancel`).reply(403, { message: 'This action is unauthorized.' });
		const error = (await runKrebit(cancel)).error('Krebit')!;
		expect(error.message).toBe(`This action is unauthorized. (Krebit answered 403 to Cancel signing ${SIGNING})`);
		expect(error.description).toMatch(/^Krebit lets only users with the right role cancel signings/);
	});

	test('400 cannot_be_edited (completed) and 404', async () => {
		nock(KREBIT).post(`${API}/cancel`).reply(...CANNOT_BE_EDITED);
		nock(KREBIT).get(API).reply(200, { data: { id: SIGNING, status: 'completed' } });
		expect((await runKrebit(cancel)).error('Krebit')?.message).toBe(`Cannot cancel the signing: signing ${SIGNING} is completed`);
		nock(KREBIT).post(`${API}/cancel`).reply(404, {});
		expect((await runKrebit(cancel)).error('Krebit')?.httpCode).toBe('404');
	});

	test('503 is not sent again', async () => {
		const krebit = answers('post', `${API}/cancel`, [503, {}], [200, { id: SIGNING }]);
		await runKrebit(cancel);
		expect(krebit.calls).toBe(1);
	});
});

afterAll(() => nock.restore());
