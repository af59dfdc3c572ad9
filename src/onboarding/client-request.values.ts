/**
 * The closed lists of the client request, each in one place. Where the CRM's page pairs a value
 * with a constant name (`Individual` / `INDIVIDUAL`), the map goes from the value, which answers
 * carry, to the constant, which callers may send instead and Seccl takes for vulnerability.
 */
import type { SecclVulnerabilityReason } from '../seccl/types.js';

/** Client types: value to constant name. */
export const CLIENT_TYPES = {
  Individual: 'INDIVIDUAL',
  'Individual Minor': 'INDIVIDUAL_MINOR',
} as const;

/** `Individual` or `Individual Minor`. */
export type ClientType = keyof typeof CLIENT_TYPES;

/** Vulnerability reasons: value to constant name (which is also Seccl's wire value). */
export const VULNERABILITY_REASONS = {
  Health: 'HEALTH',
  'Life event': 'LIFE_EVENT',
  Resilience: 'RESILIENCE',
  Capability: 'CAPABILITY',
} as const satisfies Record<string, SecclVulnerabilityReason>;

/** `Health`, `Life event`, `Resilience` or `Capability`. */
export type VulnerabilityReason = keyof typeof VULNERABILITY_REASONS;

/**
 * Seccl's constant back to the value answers carry. It has no prototype, so a reason Seccl
 * might send such as `constructor` finds nothing rather than a function.
 */
export const REASON_FROM_SECCL = Object.assign(
  Object.create(null) as object,
  Object.fromEntries(
    Object.entries(VULNERABILITY_REASONS).map(([value, constant]) => [constant, value]),
  ),
) as Record<SecclVulnerabilityReason, VulnerabilityReason>;

export const TITLES = ['Dr', 'Professor', 'Mrs', 'Miss', 'Mr', 'Ms', 'Mx'] as const;

export const MARITAL_STATUSES = ['Single', 'Married', 'Divorced', 'Widowed'] as const;

export const EMPLOYMENT_STATUSES = [
  'Employed',
  'Retired',
  'Self Employed',
  'Care Under 16s',
  'Care Over 16',
  'Education',
  'Unemployed',
  'Other',
] as const;

/** The only tax domicile the platform takes today. */
export const TAX_DOMICILES = ['GB'] as const;

/** Age from which a client is an adult, on the London calendar date. */
export const ADULT_AGE = 18;
