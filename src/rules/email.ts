import { domainToASCII, domainToUnicode } from 'node:url';

import { fail, ok, type Check } from './result.js';
import { NOT_TEXT, trimmed } from './text.js';

// RFC 5321 limits, counted in UTF-8 octets as RFC 6531 does for internationalised addresses.
const MAX_LOCAL = 64;
const MAX_ADDRESS = 254;
const MAX_DOMAIN = 253;

// A dot-atom: runs of atext split by single dots. RFC 6531 widens atext beyond ASCII; here to
// letters, combining marks and decimal digits of any script, which keeps out symbols and emoji.
const ATEXT = "[\\p{L}\\p{M}\\p{Nd}!#$%&'*+\\-/=?^_`{|}~]";
const LOCAL = new RegExp(`^${ATEXT}+(?:\\.${ATEXT}+)*$`, 'u');
// Checked before domainToASCII, which would otherwise quietly decode %41 or drop invisible
// characters and so validate a domain other than the one we hand back.
const RAW_DOMAIN = /^[\p{L}\p{M}\p{Nd}.-]+$/u;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

const octets = (s: string): number => Buffer.byteLength(s, 'utf8');

/**
 * Checks an email address strictly enough that a mail provider would take it: a dot-atom
 * local part (ASCII or RFC 6531 UTF-8), no quoted parts, no IP literals, and a domain of at
 * least two DNS labels, which may be internationalised. The address comes back as given
 * (sub-addresses kept, case kept), only put into Unicode NFC.
 *
 * @example
 * checkEmail('ciara.byrne+isa@example.co.uk'); // accepted, the tag kept
 * checkEmail('zoe@bücher.example'); // accepted; the domain is checked as xn--bcher-kva.example
 */
export function checkEmail(raw: string): Check<string> {
  const text = trimmed(raw);
  if (text === undefined) return fail(NOT_TEXT);

  const address = text.normalize('NFC');
  const parts = address.split('@');
  if (parts.length !== 2) {
    return fail('An email address has exactly one @, like name@example.com.');
  }

  const [local = '', domain = ''] = parts;
  if (local === '' || octets(local) > MAX_LOCAL) {
    return fail(
      'The part before the @ must be 1 to 64 bytes long (accented letters take 2 or more).',
    );
  }
  if (!LOCAL.test(local)) {
    return fail(
      'The part before the @ may hold only letters, digits and the symbols email allows, with single dots between them.',
    );
  }
  if (octets(address) > MAX_ADDRESS) {
    return fail('An email address may be at most 254 characters long.');
  }

  const reason = domainProblem(domain);
  if (reason !== undefined) return fail(reason);
  if (octets(local) + 1 + domainToASCII(domain).length > MAX_ADDRESS) {
    return fail('An email address may be at most 254 characters long.');
  }
  return ok(address);
}

/** Why `domain` is not a usable mail domain, or undefined when it is. */
function domainProblem(domain: string): string | undefined {
  const invalid = 'The part after the @ is not a valid domain name, like example.com.';
  if (!RAW_DOMAIN.test(domain)) return invalid;

  const ascii = domainToASCII(domain);
  if (ascii === '' || ascii.length > MAX_DOMAIN) return invalid;

  const labels = ascii.split('.');
  const rawLabels = domain.split('.');
  if (labels.length < 2 || labels.length !== rawLabels.length) return invalid;
  if (!labels.every((label, i) => LABEL.test(label) && sameLabel(rawLabels[i] ?? '', label))) {
    return invalid;
  }

  if (/^\d+$/.test(labels.at(-1) ?? '')) {
    return 'The domain must end in a name, not a number; IP addresses are not accepted.';
  }
  return undefined;
}

// True when the ASCII label spells the raw label rather than a mapping of it (full-width
// letters or ligatures fold to other characters and would validate a different domain).
function sameLabel(rawLabel: string, ascii: string): boolean {
  if (/^\p{ASCII}*$/u.test(rawLabel)) return rawLabel.toLowerCase() === ascii;
  return domainToUnicode(ascii) === rawLabel.toLowerCase();
}
