/** Who is calling: the user behind the token, what the token may do, and the acting login. */
export interface ActingLogin {
  id: string;
  firmId: string;
  /** The employee account that `X-PLANNR-ACCOUNT-UUID` names. */
  accountId: string;
  canUseAddons: boolean;
  isAdmin: boolean;
}

export interface Caller {
  userId: string;
  /** How the caller proved itself; `tokenId` is the PAT id or the OAuth token's jti. */
  via: 'personal_access_token' | 'oauth';
  tokenId: string;
  abilities: readonly string[];
  /** When the token stops working; null for a token without an end, undefined when unknown. */
  expiresAt?: Date | null;
}

export interface Principal extends Caller {
  login: ActingLogin;
}

/** True when the token grants `ability`: `*`, the exact ability, or `area:*` for its area. */
export function hasAbility(abilities: readonly string[], ability: string): boolean {
  const area = ability.split(':')[0];
  return abilities.some((a) => a === '*' || a === ability || a === `${area}:*`);
}

/**
 * Every ability a token can be given; tokens ask for a subset, `area:*` for a whole area, or `*`.
 * Managing tokens takes `tokens:read` (list) and `tokens:write` (create, revoke).
 */
export const knownAbilities = [
  'seccl:write',
  'seccl:read',
  'accounts:read',
  'accounts:write',
  'addons:read',
  'addons:write',
  'tokens:read',
  'tokens:write',
  'audit:read',
  'oauth:read',
  'oauth:write',
] as const;

/** The areas of the known abilities (`seccl`, `accounts`, ...), for `area:*` grants. */
export const abilityAreas: readonly string[] = [
  ...new Set(knownAbilities.map((a) => a.split(':')[0]!)),
];

/** True for an ability a token may be given: a known one, `area:*` of a known area, or `*`. */
export function isGrantableAbility(ability: string): boolean {
  if (ability === '*') return true;
  if ((knownAbilities as readonly string[]).includes(ability)) return true;
  const [area, rest] = ability.split(':');
  return rest === '*' && abilityAreas.includes(area!);
}

/**
 * True when a token holding `held` may hand out every one of `wanted`: a token never mints a
 * token that can do more than itself.
 */
export function grantsAll(held: readonly string[], wanted: readonly string[]): boolean {
  return wanted.every((ability) => hasAbility(held, ability));
}
