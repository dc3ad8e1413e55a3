import { canonicalJson, sha256Hex } from './audit';

/**
 * Content hash of a declaration version: SHA-256 (lower-case hex) of its canonical JSON — object keys sorted
 * at every level, no white space, `undefined` fields dropped (canonicalJson in audit.ts). The same content
 * always hashes the same whatever the key order; array order counts (moving an item gives a new hash even
 * though the redline of the move is empty). Hash the value as parsed by the schema (trimmed), i.e. what is
 * stored. Identical to `contentHashOf` in shared/store/declarations.ts.
 */
export function declarationContentHash(content: unknown): string {
  return sha256Hex(canonicalJson(content));
}
