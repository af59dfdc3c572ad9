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
}

export interface Principal extends Caller {
  login: ActingLogin;
}

/** True when the token grants `ability`: `*`, the exact ability, or `area:*` for its area. */
export function hasAbility(abilities: readonly string[], ability: string): boolean {
  const area = ability.split(':')[0];
  return abilities.some((a) => a === '*' || a === ability || a === `${area}:*`);
}

/** Every ability a token can be given; tokens ask for a subset (or `*`). */
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
] as const;
