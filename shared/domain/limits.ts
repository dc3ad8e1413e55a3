/**
 * The size limits of what a client may send, in one place: the zod schemas use them (the server refuses
 * more with a 400 naming the field), and the OpenAPI document states them (maxLength, maxItems, integer
 * bounds), which the Spectral/OWASP lint checks (test/unit/openapi-lint.test.ts). Limits of one field that
 * only its own schema knows (a project title's 300 characters) stay next to that field.
 */

/** A request body larger than this is refused with 413 (functions/http/http-handler.ts). */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Trimmed text (`text()` in common.ts) counts its length after trimming; the raw value may carry at most this
 * much surrounding whitespace on top, so that the raw string is bounded too (`maxLength` in the document).
 */
export const TEXT_PADDING_MAX = 100;

/** Opaque identifiers `<prefix>_<32 hex>` (idSchema). */
export const ID_HEX_LENGTH = 32;
/** An ISO date `YYYY-MM-DD`. */
export const ISO_DATE_LENGTH = 10;
/** An ISO timestamp with milliseconds and offset, `2025-01-31T12:00:00.000+01:00`. */
export const ISO_DATETIME_MAX_LENGTH = 35;
/** An email address (RFC 5321 path limit). */
export const EMAIL_MAX_LENGTH = 254;
/** Keys the client chooses for the items of a declaration (`r1`, `bg-2`). */
export const ITEM_KEY_MAX_LENGTH = 64;
/** An export-control Annex I entry (`5A002.a.1`). */
export const ANNEX_I_ENTRY_MAX_LENGTH = 32;
/** Free-text filters of list routes (query parameters). */
export const QUERY_TEXT_MAX_LENGTH = 200;
/** A patent publication number as typed, spaces and punctuation included (`WO 2019/123456 A1`). */
export const PATENT_NUMBER_MAX_LENGTH = 40;
/** A SIREN: 9 digits. */
export const SIREN_LENGTH = 9;
/** A project acronym (after trimming). */
export const ACRONYM_MAX_LENGTH = 30;
/** Partners of one project. */
export const PARTNERS_MAX = 100;
/** A workflow step id: `partner-approval:<orgId>` at most. */
export const STEP_ID_MAX_LENGTH = 64;
/** A version number (declaration, agreement): 1..999999. */
export const VERSION_MAX = 999_999;
/** An `If-Match` value: `W/"123456789"` at most. */
export const IF_MATCH_MAX_LENGTH = 13;
/** An `Idempotency-Key`: 8..128 characters. */
export const IDEMPOTENCY_KEY_MAX_LENGTH = 128;

/** The largest signed 32-bit integer: integers up to it are `format: int32` in the document, larger ones int64. */
export const INT32_MAX = 2_147_483_647;
