import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  FIRM,
  OTHER_FIRM,
  adultBody,
  call,
  createClient,
  minorBody,
  signIn,
  startTestSandbox,
} from './test-kit.js';
import type { Sandbox } from './types.js';

let sandbox: Sandbox;
let token: string;
let emails = 0;

/** A fresh email for each client, so tests do not trip over each other's uniqueness. */
function uniqueEmail(): string {
  return `client${++emails}@example.co.uk`;
}

before(async () => {
  sandbox = await startTestSandbox();
});
beforeEach(async () => {
  token = await signIn(sandbox);
});
after(() => sandbox.close());

describe('POST /client', () => {
  it('creates an adult, answering 201 with a 7-character id only', async () => {
    const answer = await call(sandbox, 'POST', '/client', {
      token,
      body: adultBody({ email: uniqueEmail() }),
    });

    assert.equal(answer.status, 201);
    assert.deepEqual(Object.keys(answer.body.data), ['id']);
    assert.match(answer.body.data.id, /^[A-Z0-9]{7}$/);
  });

  it('stores the client the way Seccl reads it back', async () => {
    const email = uniqueEmail();
    const id = await createClient(sandbox, token, adultBody({ email }));

    const answer = await call(sandbox, 'GET', `/client/${FIRM}/${id}`, { token });

    assert.equal(answer.status, 200);
    const client = answer.body.data;
    assert.equal(client.id, id);
    assert.equal(client.firmId, FIRM);
    assert.deepEqual(client.nodeId, ['N1']);
    assert.equal(client.status, 'Pending');
    assert.equal(client.termsAccepted, false);
    assert.equal(client.email, email);
    assert.equal(client.surname, "O'Neill");
    assert.deepEqual(client.bankDetails, {
      sortCode: '108800',
      accountNumber: '00733445',
      debitPaymentMandate: true,
    });
    assert.deepEqual(client.amlData, { amlEvidenceSeen: true, checkResult: 'Pending' });
    assert.equal(client.auditDetails.version, 1);
    assert.ok(!Number.isNaN(Date.parse(client.auditDetails.updateDate)));
    assert.equal(client.parentId, undefined);
    assert.deepEqual(
      sandbox.clients(FIRM).find((c) => c.id === id),
      client,
    );
  });

  it('creates a minor under its parent, taking the parent’s nodes and keeping parentId as an array', async () => {
    const parentId = await createClient(
      sandbox,
      token,
      adultBody({ email: uniqueEmail(), nodeId: ['N2'] }),
    );

    const id = await createClient(sandbox, token, minorBody(parentId));
    const { body } = await call(sandbox, 'GET', `/client/${FIRM}/${id}`, { token });

    assert.equal(body.data.clientType, 'Individual Minor');
    assert.deepEqual(body.data.parentId, [parentId]);
    assert.deepEqual(body.data.nodeId, ['N2']);
    assert.equal(body.data.firstName, 'Zoë');
  });

  it('keeps a minor’s own nodes when it is given some', async () => {
    const parentId = await createClient(sandbox, token, adultBody({ email: uniqueEmail() }));

    const id = await createClient(sandbox, token, minorBody(parentId, { nodeId: ['0'] }));

    assert.deepEqual(sandbox.clients(FIRM).find((c) => c.id === id)?.nodeId, ['0']);
  });

  it('reports every problem at once as 400 field errors in Seccl’s envelope', async () => {
    const body = adultBody({
      title: 'Sir',
      email: '',
      nodeId: ['N9'],
      addressDetail: { postCode: 'po7 7yh' },
    });
    delete body.surname;

    const answer = await call(sandbox, 'POST', '/client', { token, body });

    assert.equal(answer.status, 400);
    assert.equal(answer.body.error.type, 'ValidationError');
    assert.equal(typeof answer.body.error.errorMessage, 'string');
    assert.deepEqual(
      answer.body.error.fieldErrors.map(
        (e: { fieldName: string; type: string }) => `${e.fieldName}: ${e.type}`,
      ),
      [
        'title: enum',
        'surname: required',
        'email: empty',
        'addressDetail.postCode: format',
        'nodeId: notFound',
      ],
    );
    for (const error of answer.body.error.fieldErrors)
      assert.equal(typeof error.errorMessage, 'string');
  });

  it('refuses an email another client of the firm already has, in any case', async () => {
    const email = uniqueEmail();
    await createClient(sandbox, token, adultBody({ email }));

    const answer = await call(sandbox, 'POST', '/client', {
      token,
      body: adultBody({ email: email.toUpperCase() }),
    });

    assert.equal(answer.status, 400);
    assert.deepEqual(
      answer.body.error.fieldErrors.map((e: { fieldName: string }) => e.fieldName),
      ['email'],
    );
    assert.equal(answer.body.error.fieldErrors[0].type, 'duplicate');
  });

  it('lets another firm use the same email', async () => {
    const email = uniqueEmail();
    await createClient(sandbox, token, adultBody({ email }));
    const other = await signIn(sandbox, OTHER_FIRM, { id: 'other1', password: 'secret-two' });

    const answer = await call(sandbox, 'POST', '/client', {
      token: other,
      body: adultBody({ firmId: OTHER_FIRM, nodeId: ['0'], email }),
    });

    assert.equal(answer.status, 201);
  });

  it('refuses a minor whose parent is not a client of the firm', async () => {
    const answer = await call(sandbox, 'POST', '/client', { token, body: minorBody('ZZZZZZ9') });

    assert.equal(answer.status, 400);
    assert.deepEqual(
      answer.body.error.fieldErrors.map((e: { fieldName: string }) => e.fieldName),
      ['parentId'],
    );
  });

  it('answers 400 when the body is not a JSON object', async () => {
    const answer = await call(sandbox, 'POST', '/client', { token, raw: '[1,2]' });

    assert.equal(answer.status, 400);
    assert.equal(answer.body.error.type, 'BadRequestError');
  });
});

describe('Idempotency-Key on POST /client', () => {
  it('replays the first answer for the same key and body, creating nothing more', async () => {
    const body = adultBody({ email: uniqueEmail() });
    const headers = { 'idempotency-key': crypto.randomUUID() };
    const before = sandbox.clients(FIRM).length;

    const first = await call(sandbox, 'POST', '/client', { token, body, headers });
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const again = await call(sandbox, 'POST', '/client', { token, body: reordered, headers });

    assert.equal(first.status, 201);
    assert.equal(again.status, 201);
    assert.deepEqual(again.body, first.body);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.equal(sandbox.clients(FIRM).length, before + 1);
  });

  it('replays a refusal too', async () => {
    const body = adultBody({ title: 'Sir', email: uniqueEmail() });
    const headers = { 'idempotency-key': crypto.randomUUID() };

    const first = await call(sandbox, 'POST', '/client', { token, body, headers });
    const again = await call(sandbox, 'POST', '/client', { token, body, headers });

    assert.equal(first.status, 400);
    assert.deepEqual([again.status, again.body], [first.status, first.body]);
  });

  it('answers 422 for the same key with another body', async () => {
    const headers = { 'idempotency-key': crypto.randomUUID() };
    await call(sandbox, 'POST', '/client', {
      token,
      body: adultBody({ email: uniqueEmail() }),
      headers,
    });
    const before = sandbox.clients(FIRM).length;

    const answer = await call(sandbox, 'POST', '/client', {
      token,
      body: adultBody({ email: uniqueEmail() }),
      headers,
    });

    assert.equal(answer.status, 422);
    assert.equal(answer.body.error.type, 'IdempotencyError');
    assert.equal(sandbox.clients(FIRM).length, before);
  });
});

describe('GET /client/{firmId}/{clientId}', () => {
  it('answers 404 in an error envelope for an unknown client', async () => {
    const answer = await call(sandbox, 'GET', `/client/${FIRM}/NOSUCH1`, { token });

    assert.equal(answer.status, 404);
    assert.equal(answer.body.error.type, 'NotFoundError');
  });
});

describe('GET /client/{firmId}', () => {
  let firm: Sandbox;
  let firmToken: string;
  const ids: string[] = [];

  before(async () => {
    firm = await startTestSandbox();
    firmToken = await signIn(firm);
    const people = [
      {
        email: 'ada.byrne@example.com',
        surname: 'Byrne',
        dateOfBirth: '1980-01-02',
        nodeId: ['N1'],
      },
      {
        email: 'bea.byrne@example.com',
        surname: 'Byrne',
        dateOfBirth: '1985-03-04',
        nodeId: ['N2'],
      },
      {
        email: 'cal.doyle@example.com',
        surname: 'Doyle',
        dateOfBirth: '1980-01-02',
        nodeId: ['N1'],
      },
    ];
    for (const person of people) ids.push(await createClient(firm, firmToken, adultBody(person)));
    ids.push(await createClient(firm, firmToken, minorBody(ids[0] ?? '', { surname: 'Byrne' })));
  });
  after(() => firm.close());

  async function search(query: string) {
    const answer = await call(firm, 'GET', `/client/${FIRM}${query}`, { token: firmToken });
    return { ...answer, ids: answer.body.data?.map((c: { id: string }) => c.id) };
  }

  it('lists every client with meta when there is no filter', async () => {
    const answer = await search('');

    assert.equal(answer.status, 200);
    assert.deepEqual(answer.ids, ids);
    assert.deepEqual(answer.body.meta, { count: 4, page: 1, pageSize: 100 });
  });

  it('filters exactly, ignoring case for email and surname', async () => {
    assert.deepEqual((await search('?email=ADA.BYRNE@example.com')).ids, [ids[0]]);
    assert.deepEqual((await search('?surname=bYRNE')).ids, [ids[0], ids[1], ids[3]]);
    assert.deepEqual((await search('?surname=Byrn')).ids, []);
    assert.deepEqual((await search('?dateOfBirth=1980-01-02')).ids, [ids[0], ids[2]]);
    assert.deepEqual((await search('?nodeId=N2')).ids, [ids[1]]);
    assert.deepEqual((await search('?clientType=Individual%20Minor')).ids, [ids[3]]);
    assert.deepEqual((await search('?surname=Byrne&dateOfBirth=1980-01-02&nodeId=N1')).ids, [
      ids[0],
    ]);
  });

  it('pages from 1, counting every match', async () => {
    const second = await search('?page=2&pageSize=3');
    const beyond = await search('?page=5&pageSize=3');

    assert.deepEqual(second.ids, [ids[3]]);
    assert.deepEqual(second.body.meta, { count: 4, page: 2, pageSize: 3 });
    assert.deepEqual(beyond.ids, []);
  });

  it('answers 400 for a bad page, page size, or an unknown, empty or repeated parameter', async () => {
    const cases = {
      '?page=0': 'page',
      '?page=1.5': 'page',
      '?pageSize=101': 'pageSize',
      '?pageSize=abc': 'pageSize',
      '?date_of_birth=1980-01-02': 'date_of_birth',
      '?email=': 'email',
      '?surname=Byrne&surname=Doyle': 'surname',
    };
    for (const [query, field] of Object.entries(cases)) {
      const answer = await search(query);
      assert.equal(answer.status, 400, query);
      assert.equal(answer.body.error.fieldErrors[0].fieldName, field, query);
    }
  });
});

describe('GET /node/{firmId}', () => {
  it('lists the root node and the firm’s nodes', async () => {
    const answer = await call(sandbox, 'GET', `/node/${FIRM}`, { token });

    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body.data, [
      { id: '0', name: FIRM, nodeType: 'Firm' },
      { id: 'N1', name: 'North', parentId: '0', nodeType: 'Node' },
      { id: 'N2', name: 'North West', parentId: 'N1', nodeType: 'Node' },
    ]);
    assert.equal(answer.body.meta.count, 3);
  });

  it('includes nodes of a firm added later', async () => {
    sandbox.addFirm({ firmId: FIRM, users: [], nodes: [{ id: 'S1', name: 'South' }] });

    const answer = await call(sandbox, 'GET', `/node/${FIRM}`, { token });

    assert.deepEqual(answer.body.data.at(-1), {
      id: 'S1',
      name: 'South',
      parentId: '0',
      nodeType: 'Node',
    });
  });
});
