import * as z from 'zod';

/**
 * Building blocks of the response schemas (what handlers return, documented in the OpenAPI document by
 * ./openapi.ts; the server never validates its own answers with them). The entity schemas next to this file
 * (`*-schema.ts`) mirror the domain and store types field for field; test/unit/openapi.test.ts checks at
 * compile time that each one and its TypeScript type stay the same.
 */

/** An ISO 8601 instant as `Date.prototype.toISOString` writes it (`2026-03-01T08:00:00.000Z`). */
export const instantSchema = z.iso.datetime({ offset: true });

/** Lower-case hex SHA-256 (content hashes, evidence hashes, IP-file hashes, audit hashes). */
export const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/);

/** The optimistic-locking version of a stored item: 1 when created, +1 on every write. */
export const versionSchema = z.number().int().min(1).describe('Optimistic-locking version, also sent as the ETag');

/** Who did something, as the audit log records it (shared/domain/audit.ts `Actor`; functions/http/auth.ts `actorOf`). */
export const actorSchema = z.object({
  sub: z.string().describe("The token's subject"),
  role: z.string().describe('legal, committee, lawyer or partner'),
  org: z.string().nullable().optional().describe("A partner's organization id"),
  email: z.string().nullable().optional(),
});
