/**
 * The request bodies in `examples/`, read for the tests and the benchmark.
 */
import { readFileSync } from 'node:fs';

/** The names of the files in `examples/`, without `.json`. */
export type ExampleName =
  | 'adult-client'
  | 'adult-minimal'
  | 'minor-by-seccl-id'
  | 'minor-by-account-uuid'
  | 'invalid-client';

/** Parses `examples/<name>.json`. */
export function readExample(name: ExampleName): unknown {
  const url = new URL(`../../examples/${name}.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8'));
}
