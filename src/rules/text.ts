/**
 * Text helpers shared by the checks in this folder (not part of the public API).
 */

/** Every Unicode space separator (U+0020, no-break space, thin space...), for stripping. */
export const SPACES = /\p{Zs}/gu;

/**
 * Trims `raw` if it is a string. Callers are typed, but a JSON number slipping through
 * must become a refusal rather than a crash on `.trim()`.
 */
export function trimmed(raw: unknown): string | undefined {
  return typeof raw === 'string' ? raw.trim() : undefined;
}

/** The reason given when a check receives something other than a string. */
export const NOT_TEXT = 'The value must be given as text.';
