import { isMsg, renderMsg, type Msg } from './i18n/catalog';

/**
 * Typed domain errors. Handlers and the store throw these; the one error middleware
 * (functions/http/errors.ts) maps them to RFC 9457 problem+json. Anything else becomes an opaque 500.
 */
export interface FieldError {
  /** JSON Pointer to the offending field, e.g. `/results/2/ownership/1/pct` (or `siren` for top-level fields). */
  path: string;
  /** English rendering (logs, tests); the boundary renders {@link FieldError.msg} in the reader's language. */
  message: string;
  /** The message by id (non-enumerable: never serialized as such). */
  readonly msg?: Msg;
}

export abstract class DomainError extends Error {
  abstract readonly status: number;
  abstract readonly type: string;
  abstract readonly title: string;
  readonly errors?: FieldError[];
  readonly extra?: Record<string, unknown>;
  /** The detail by id; `message` is its English rendering (for logs). */
  readonly detail?: Msg;
  /** `detail` is a catalogue message: `msg('project.notFound')` (shared/domain/i18n/catalog.ts). */
  constructor(detail: Msg | string, opts: { errors?: FieldError[]; extra?: Record<string, unknown> } = {}) {
    super(isMsg(detail) ? renderMsg(detail, 'en') : detail);
    if (isMsg(detail)) this.detail = detail;
    this.name = new.target.name;
    if (opts.errors) this.errors = opts.errors;
    if (opts.extra) this.extra = opts.extra;
  }
}

const make = (status: number, slug: string, title: string) =>
  class extends DomainError {
    readonly status = status;
    readonly type = `https://vigie.dev/problems/${slug}`;
    readonly title = title;
  };

/** 400: the request is malformed or fails validation; `errors` names each field. */
export class ValidationError extends make(400, 'validation', 'Invalid request') {}
/** 401: no valid token. */
export class UnauthorizedError extends make(401, 'unauthorized', 'Authentication required') {}
/** 403: the caller is known but its role may not use this route. */
export class ForbiddenError extends make(403, 'forbidden', 'Forbidden') {}
/** 404: not found, or not visible to the caller (we never reveal existence). */
export class NotFoundError extends make(404, 'not-found', 'Not found') {}
/** 409: the request conflicts with the current state. */
export class ConflictError extends make(409, 'conflict', 'Conflict') {}
/** 412: If-Match does not match the current version. */
export class PreconditionFailedError extends make(412, 'precondition-failed', 'Precondition failed') {}
/** 413: payload too large. */
export class PayloadTooLargeError extends make(413, 'payload-too-large', 'Payload too large') {}
/** 415: wrong content type. */
export class UnsupportedMediaTypeError extends make(415, 'unsupported-media-type', 'Unsupported media type') {}
/** 422: well-formed but semantically unacceptable (e.g. an Idempotency-Key reused with another body). */
export class UnprocessableError extends make(422, 'unprocessable', 'Unprocessable request') {}
/** 428: the route needs If-Match. */
export class PreconditionRequiredError extends make(428, 'precondition-required', 'Precondition required') {}
