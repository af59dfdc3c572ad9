/**
 * Can this text be stored and compared by PostgreSQL? A NUL byte or an unpaired surrogate cannot
 * (PostgreSQL refuses them in text, SQLSTATE 22021), so input holding one must be refused up
 * front, as the caller's mistake, rather than reaching a query and failing there as a 500.
 */
// eslint-disable-next-line no-control-regex
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

export function isStorable(text: string): boolean {
  return !UNSTORABLE.test(text);
}

/** Storable, and free of control characters: for names, labels and identifiers people type. */
export function isPlainText(text: string): boolean {
  return isStorable(text) && !CONTROL.test(text);
}
