import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ServiceUnavailableError } from '../errors.js';
import { createLogger } from '../logger.js';
import { systemClock } from '../rules/index.js';
import { CreateClientService, type OnboardingDeps } from './create-client.service.js';
import { noFaults } from './fault-points.js';

const principal = {
  userId: 'u',
  abilities: ['*'],
  login: { id: 'l', firmId: 'f', canUseAddons: true },
} as never;

function serviceWith(parts: Partial<OnboardingDeps>): CreateClientService {
  return new CreateClientService({
    clock: systemClock,
    logger: createLogger('silent'),
    requestLeaseMs: 60_000,
    faults: noFaults,
    ...parts,
  } as OnboardingDeps);
}

describe('CreateClientService.create', () => {
  it('answers 503, never a bare error, when the database fails before the intent', async () => {
    const service = serviceWith({
      subscriptions: {
        find: () => Promise.reject(new Error('connection terminated')),
      } as never,
    });

    await assert.rejects(
      service.create({
        principal,
        addon: 'seccl',
        body: {},
        idempotencyKey: undefined,
        requestId: 'r',
      }),
      (error) => error instanceof ServiceUnavailableError && error.retryAfterSeconds >= 1,
    );
  });
});
