import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SecclClient } from '../seccl/client.js';
import type { SecclClientRecord, SecclConnection, SecclCreateClientBody } from '../seccl/types.js';
import { findCreatedClient, LookupTooWideError } from './seccl-lookup.js';

const conn: SecclConnection = {
  key: 'sub',
  baseUrl: 'http://127.0.0.1:1',
  firmId: 'TESTF',
  credentials: { id: 'u', password: 'p' },
};
const body: SecclCreateClientBody = {
  firmId: 'TESTF',
  nodeId: ['1'],
  clientType: 'Individual',
  firstName: 'Ada',
  surname: 'Lovelace',
  email: 'ada@example.com',
  nationality: 'GB',
  termsAccepted: false,
  currency: 'GBP',
  language: 'en',
};

function record(id: string, overrides: Partial<SecclClientRecord> = {}): SecclClientRecord {
  return {
    id,
    firmId: 'TESTF',
    nodeId: ['1'],
    clientType: 'Individual',
    firstName: 'Ada',
    surname: 'Lovelace',
    email: 'ada@example.com',
    status: 'Pending',
    ...overrides,
  } as SecclClientRecord;
}

/** A Seccl that ignores every filter and pages through `all`. */
function seccl(all: SecclClientRecord[], pages: number[] = []): SecclClient {
  return {
    async searchClients(_conn: SecclConnection, filters: { page?: number; pageSize?: number }) {
      const page = filters.page ?? 1;
      const size = filters.pageSize ?? 100;
      pages.push(page);
      return { items: all.slice((page - 1) * size, page * size), count: all.length };
    },
  } as unknown as SecclClient;
}

const nobodyElse = async () => new Set<string>();
const others = (n: number) =>
  Array.from({ length: n }, (_, i) => record(`OTHER${i}`, { email: `x${i}@example.com` }));

describe('findCreatedClient', () => {
  it('reads every page, so a match behind other people is still found', async () => {
    const pages: number[] = [];

    const found = await findCreatedClient(
      seccl([...others(230), record('ADA0001')], pages),
      conn,
      body,
      nobodyElse,
    );

    assert.equal(found?.id, 'ADA0001');
    assert.deepEqual(pages, [1, 2, 3]);
  });

  it('keeps only clients that match what was sent, and none another intent owns', async () => {
    const all = [record('ADA0001'), record('ADA0002', { firstName: 'Eve' }), record('ADA0003')];

    const found = await findCreatedClient(seccl(all), conn, body, async () => new Set(['ADA0001']));

    assert.equal(found?.id, 'ADA0003');
  });

  it('refuses to conclude anything from a search wider than it reads', async () => {
    await assert.rejects(
      findCreatedClient(seccl(others(2100)), conn, body, nobodyElse),
      LookupTooWideError,
    );
  });
});
