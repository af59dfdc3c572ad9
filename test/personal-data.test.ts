/**
 * Personal data and secrets stay out of logs, answers and the database. One realistic run (an
 * adult with everything, a minor, a link, field errors, refusals, a Seccl fault, a body that is
 * not JSON) with values planted for it, logged at `debug`; then the logs and a dump of every text
 * and jsonb column are searched for those values.
 */
import assert from 'node:assert/strict';
import { randomBytes, randomInt } from 'node:crypto';
import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../src/db/database.js';
import { adultBody, minimalAdult, minorBody } from './support/bodies.js';
import { startHarness, type Answer, type Harness } from './support/harness.js';
import { tokenFor } from './support/logins.js';

const route = '/api/v1/addons/seccl/seccl/client';

function letters(n: number): string {
  return Array.from({ length: n }, () => 'bcdfghjklmnpqrstvwxz'[randomInt(20)]).join('');
}
function digits(n: number): string {
  return Array.from({ length: n }, () => String(randomInt(10))).join('');
}

/** Values invented for this run only, so a match can only be a leak of this run. */
function plant() {
  const sortCode = `${randomInt(10, 100)}${digits(4)}`;
  const nino = `AB${digits(6)}C`;
  return {
    password: `pw-${randomBytes(12).toString('base64url')}`,
    firstName: `Zeph${letters(6)}`,
    minorName: `Quil${letters(6)}`,
    surname: `Vantr${letters(6)}`,
    email: `${letters(8)}.planted@example.org`,
    nino,
    ninoSpaced: `${nino.slice(0, 2)} ${nino.slice(2, 4)} ${nino.slice(4, 6)} ${nino.slice(6, 8)} ${nino[8]}`,
    dob: `19${randomInt(50, 90)}-0${randomInt(1, 10)}-1${randomInt(0, 10)}`,
    minorDob: `201${randomInt(2, 9)}-0${randomInt(1, 10)}-2${randomInt(0, 8)}`,
    sortCode,
    sortCodeDashed: `${sortCode.slice(0, 2)}-${sortCode.slice(2, 4)}-${sortCode.slice(4)}`,
    accountNumber: digits(8),
  };
}

/**
 * Where `value` occurs in `text`, once UUIDs and long hex digests (ids, hashes) are taken out: a
 * run of digits inside those is chance, not a leak. Digits must stand alone to count.
 */
function occurrences(text: string, value: string): number {
  const cleaned = text
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, 'UUID')
    .replace(/[0-9a-f]{32,}/gi, 'HEX');
  const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = /^\d/.test(value) ? `(?<!\\d)${escaped}(?!\\d)` : escaped;
  return cleaned.match(new RegExp(pattern, 'gi'))?.length ?? 0;
}

/** Sends bytes Node's HTTP parser refuses; answers what came back. */
function unreadable(url: string, bytes: string): Promise<string> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    let answer = '';
    const socket = connect(Number(port), '127.0.0.1', () => socket.write(bytes));
    socket.on('data', (chunk) => (answer += chunk));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

/** Rows of a raw query; PGlite and node-postgres both answer `{ rows }`. */
async function query<T>(db: Db, statement: SQL): Promise<T[]> {
  return ((await db.execute(statement)) as unknown as { rows: T[] }).rows;
}

/** Every text, varchar, json and jsonb value of every table. */
async function dump(db: Db): Promise<{ table: string; column: string; value: string }[]> {
  const columns = await query<{ table_name: string; column_name: string }>(
    db,
    sql`select table_name, column_name from information_schema.columns
        where table_schema = current_schema()
          and data_type in ('text', 'character varying', 'json', 'jsonb')
        order by table_name, column_name`,
  );
  const rows: { table: string; column: string; value: string }[] = [];
  for (const { table_name: table, column_name: column } of columns) {
    const values = await query<{ v: string }>(
      db,
      sql.raw(`select "${column}"::text as v from "${table}" where "${column}" is not null`),
    );
    for (const { v } of values) rows.push({ table, column, value: v });
  }
  return rows;
}

describe('personal data and secrets', () => {
  const p = plant();
  let h: Harness;
  let token: string;
  const secclFirm = `P${letters(4).toUpperCase()}`;
  const answers: Answer[] = [];

  before(async () => {
    h = await startHarness();
    h.sandbox.addFirm({
      firmId: secclFirm,
      users: [{ id: 'planted-api', password: p.password }],
      nodes: [{ id: '1', name: 'Advisers', parentId: '0' }],
    });
    const call = async (...args: Parameters<Harness['call']>) => {
      const res = await h.call(...args);
      answers.push(res);
      return res;
    };

    const subscribed = await call('POST', '/api/v1/subscribe', {
      body: {
        addon: 'seccl',
        config: {
          firm_id: secclFirm,
          base_url: h.sandbox.url,
          auth: { mode: 'legacy', id: 'planted-api', password: p.password },
        },
      },
    });
    assert.equal(subscribed.status, 200, subscribed.text);
    const made = await call('POST', '/api/v1/me/tokens', {
      body: { name: 'planted', abilities: ['*'] },
    });
    token = made.body.data.token;
    const person = {
      first_name: p.firstName,
      surname: p.surname,
      email: p.email,
      date_of_birth: p.dob,
      national_insurance_no: p.ninoSpaced,
    };
    const adult = adultBody({
      ...person,
      nationalities: [
        { code: 'GB', identifiers: [{ name: 'NINO', available: true, value: p.ninoSpaced }] },
      ],
      bank_details: { sort_code: p.sortCodeDashed, account_number: p.accountNumber },
      employers: [
        {
          company_name: 'Planted Ltd',
          bank_details: { sort_code: p.sortCode, account_number: p.accountNumber },
        },
      ],
    });

    const created = await call('POST', route, { body: adult, token });
    assert.equal(created.status, 200, created.text);
    const minor = await call('POST', route, {
      body: minorBody(created.body.id, {
        first_name: p.minorName,
        surname: p.surname,
        date_of_birth: p.minorDob,
      }),
      token,
    });
    assert.equal(minor.status, 200, minor.text);
    const account = await call('POST', '/api/v1/account', {
      body: { ...person, email: `x${p.email}` },
    });
    const linked = await call('POST', route, {
      body: minimalAdult({ ...person, email: `x${p.email}`, account_uuid: account.body.data.uuid }),
    });
    assert.equal(linked.status, 200, linked.text);

    const refusals = [
      // Seccl's own field error: the email is taken.
      call('POST', route, { body: adult }),
      // The local rules: no aml, a bad sort code and a bad NINO among planted values.
      call('POST', route, {
        body: {
          ...adult,
          aml: false,
          bank_details: { sort_code: `${p.sortCode}9`, account_number: p.accountNumber },
        },
      }),
      call('POST', route, { body: adult, token: `${token}x` }),
      call('POST', route, {
        body: adult,
        token: await tokenFor(h, h.firm.userId, ['accounts:read']),
      }),
      call('POST', '/api/v1/addons/seccl/octopus_money/client', { body: adult }),
      call('POST', route, {
        body: minimalAdult({ ...person, account_uuid: account.body.data.uuid }),
      }),
      // Not JSON: a parse error's message quotes the body.
      call('POST', route, { raw: `{"first_name":"${p.firstName}","email":"${p.email}",` }),
      call('POST', route, {
        raw: `first_name=${p.firstName}&sort_code=${p.sortCode}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
    ];
    const refused = await Promise.all(refusals);
    assert.deepEqual(
      refused.map((r) => r.status),
      [422, 422, 401, 403, 404, 409, 400, 415],
    );

    h.sandbox.faults.add({ status: 500, times: 3, match: { method: 'POST', path: '/client' } });
    const fault = await call('POST', route, {
      body: adultBody({ ...person, email: `y${p.email}` }),
    });
    assert.ok([202, 502, 503, 504].includes(fault.status), fault.text);
    h.sandbox.faults.add({
      dropAfterStore: true,
      times: 1,
      match: { method: 'POST', path: '/client' },
    });
    const dropped = await call('POST', route, {
      body: adultBody({ ...person, email: `z${p.email}` }),
    });
    assert.ok([200, 202].includes(dropped.status), dropped.text);

    // A header line without a colon: the parser's error carries the raw bytes received.
    const raw = await unreadable(
      h.url,
      `POST ${route} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\n` +
        `${p.email} ${p.password}\r\nContent-Length: 2\r\n\r\n{}`,
    );
    assert.match(raw, /^HTTP\/1\.1 400 /);
    assert.match(raw, /\{"message":"The request could not be read\."\}$/);
  });
  after(() => h.close());

  const secrets = () => ({
    'the token': token,
    "the token's secret": token.split('|')[1]!,
    'the subscription password': p.password,
  });
  const personal = () => ({
    'the first name': p.firstName,
    "the minor's first name": p.minorName,
    'the surname': p.surname,
    'the email': p.email,
    'the NINO': p.nino,
    'the spaced NINO': p.ninoSpaced,
    'the date of birth': p.dob,
    "the minor's date of birth": p.minorDob,
    'the sort code': p.sortCode,
    'the dashed sort code': p.sortCodeDashed,
    'the account number': p.accountNumber,
  });

  test('logs, at debug level, one line per request with its id and none of the planted values', () => {
    const logs = h.logs.join('');
    const lines = h.logs.map((line) => JSON.parse(line));

    const requests = lines.filter((line) => line.msg === 'request');
    assert.ok(requests.length >= answers.length, 'a line for every request');
    assert.ok(requests.every((line) => typeof line.requestId === 'string'));
    assert.ok(
      lines.some((line) => line.msg === 'seccl call' && line.requestId),
      'Seccl calls logged',
    );
    for (const [what, value] of Object.entries({ ...secrets(), ...personal() })) {
      assert.equal(occurrences(logs, value), 0, `${what} is in the logs`);
    }
  });

  test('never answers with a secret', async () => {
    const listed = await h.call('GET', '/api/v1/addon-subscriptions');

    assert.equal(listed.status, 200);
    assert.equal(listed.body.data[0].config.has_password, true);
    for (const res of [...answers, listed]) {
      assert.equal(occurrences(res.text, p.password), 0, res.text);
      assert.ok(!res.text.includes('v1.test.'), 'no sealed value either');
    }
  });

  test('keeps no credential, bank number or stored NINO in clear in any table', async () => {
    const rows = await dump(h.database.db);
    const text = (filter: (row: { table: string; column: string }) => boolean) =>
      rows
        .filter(filter)
        .map((r) => `${r.table}.${r.column}: ${r.value}`)
        .join('\n');
    const everything = text(() => true);
    // Accounts are the CRM's record of the client and keep names, email and NINO by design.
    const outsideAccounts = text((r) => r.table !== 'accounts');

    assert.ok(
      occurrences(
        text((r) => r.table === 'accounts'),
        p.surname,
      ) > 0,
      'the dump reads rows',
    );
    assert.ok(
      occurrences(
        text((r) => r.column === 'national_insurance_no'),
        p.nino,
      ) > 0,
    );
    assert.ok(rows.some((r) => r.table === 'onboarding_intents' && r.value.startsWith('v1.test.')));
    const held = h.sandbox.clients(secclFirm).find((c) => c.email === p.email);
    assert.equal(
      held?.bankDetails?.accountNumber,
      p.accountNumber,
      'Seccl did get the bank details',
    );
    for (const [what, value] of Object.entries({
      ...secrets(),
      'the sort code': p.sortCode,
      'the dashed sort code': p.sortCodeDashed,
      'the account number': p.accountNumber,
    })) {
      assert.equal(occurrences(everything, value), 0, `${what} is stored in clear`);
    }
    for (const [what, value] of Object.entries({
      'the NINO': p.nino,
      'the spaced NINO': p.ninoSpaced,
    })) {
      assert.equal(
        occurrences(outsideAccounts, value),
        0,
        `${what} is stored in clear outside accounts`,
      );
    }
  });
});
