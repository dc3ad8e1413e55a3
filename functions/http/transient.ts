/**
 * Failures of a dependency that a retry may cure: AWS throttling, a 5xx from DynamoDB/S3/SES, a dropped
 * connection or a timeout. The SDK has already retried them (maxAttempts); what is left is answered 503 with
 * Retry-After instead of an opaque 500, since the client can try again. Recognised by the SDK's error shapes
 * (names, `$fault`, `$metadata.httpStatusCode`, Node's socket codes), without importing the SDK.
 */
const THROTTLING = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'RequestThrottled',
  'SlowDown',
]);
const TRANSIENT_NAMES = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException', 'ServiceUnavailable', 'InternalServerError', 'InternalFailure']);
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED', 'UND_ERR_SOCKET']);
/** A transaction cancelled for these reasons only failed for load or a concurrent transaction, not for a condition. */
const TRANSIENT_CANCELLATIONS = new Set(['TransactionConflict', 'ThrottlingError', 'ProvisionedThroughputExceeded', 'RequestLimitExceeded']);

interface SdkLikeError {
  name?: string;
  code?: string;
  $fault?: string;
  $metadata?: { httpStatusCode?: number };
  CancellationReasons?: { Code?: string }[];
  cause?: unknown;
}

export function isTransientFailure(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as SdkLikeError;
  if (e.name && (THROTTLING.has(e.name) || TRANSIENT_NAMES.has(e.name))) return true;
  if (e.$fault === 'server' || (e.$metadata?.httpStatusCode ?? 0) >= 500) return true;
  if (e.code && SOCKET_CODES.has(e.code)) return true;
  if (e.name === 'TransactionCanceledException' && e.CancellationReasons?.length) {
    const codes = e.CancellationReasons.map((r) => r.Code ?? 'None').filter((c) => c !== 'None');
    return codes.length > 0 && codes.every((c) => TRANSIENT_CANCELLATIONS.has(c));
  }
  // fetch/undici wraps the socket error.
  return e.cause !== undefined && e.cause !== err && isTransientFailure(e.cause);
}

/** Seconds a client should wait before retrying a 503. */
export const RETRY_AFTER_SECONDS = 5;
