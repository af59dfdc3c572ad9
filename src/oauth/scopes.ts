/**
 * OAuth2 scopes. A scope is named like the ability it grants (`seccl:write` lets an app onboard
 * clients), so a token's scopes are its caller's abilities as they are. `*` grants everything and
 * is given only to a client registered for it, and only when the app asks for it by name.
 */
import { knownAbilities } from '../identity/principal.js';

export const ALL_SCOPES = '*';

/** What each scope lets an app do, in words for the consent page. */
const descriptions: Record<string, string> = {
  'seccl:write': 'Onboard clients onto your Seccl-family platforms',
  'seccl:read': 'See how onboarding requests ended',
  'accounts:read': "Read your firm's client accounts",
  'accounts:write': "Create client accounts in your firm's CRM",
  'addons:read': "See your firm's platform subscriptions",
  'addons:write': "Change your firm's platform subscriptions",
  'tokens:read': 'See your access tokens',
  'tokens:write': 'Create and revoke access tokens for you',
  'audit:read': "Read your firm's audit trail",
  'oauth:read': 'See the OAuth apps you registered',
  'oauth:write': 'Register and revoke OAuth apps',
  [ALL_SCOPES]: 'Everything you can do yourself',
};

/** Every scope a client may be registered for, `*` aside. */
export const knownScopes: readonly string[] = knownAbilities;

export function isKnownScope(scope: string): boolean {
  return scope === ALL_SCOPES || knownScopes.includes(scope);
}

export function describeScope(scope: string): string {
  return descriptions[scope] ?? scope;
}

/** The scopes of a `scope` parameter: space separated, duplicates dropped, order kept. */
export function parseScopeParameter(value: string): string[] {
  return [...new Set(value.split(' ').filter((part) => part !== ''))];
}

/** The scopes in `wanted` that `allowed` does not cover; `*` is covered only by `*` itself. */
export function scopesOutside(wanted: readonly string[], allowed: readonly string[]): string[] {
  return wanted.filter((scope) => !allowed.includes(scope));
}

/** The abilities a token with these scopes gives its caller. */
export function abilitiesFor(scopes: readonly string[]): string[] {
  return scopes.filter(isKnownScope);
}
