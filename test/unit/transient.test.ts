import { isTransientFailure } from '../../functions/http/transient';
import { toProblem } from '../../functions/http/problem';
import { ConflictError } from '../../shared/domain/errors';
import { msg } from '../../shared/domain/i18n/catalog';

const sdkError = (name: string, fault: 'client' | 'server', status: number, extra: object = {}) =>
  Object.assign(new Error(name), { name, $fault: fault, $metadata: { httpStatusCode: status }, ...extra });

describe('transient failures of a dependency (functions/http/transient.ts)', () => {
  test.each([
    ['DynamoDB throttling', sdkError('ProvisionedThroughputExceededException', 'client', 400)],
    ['API throttling', sdkError('ThrottlingException', 'client', 400)],
    ['S3 slow down', sdkError('SlowDown', 'client', 503)],
    ['a 5xx', sdkError('InternalServerError', 'server', 500)],
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })],
    ['a socket error wrapped by fetch', Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('reset'), { code: 'ECONNRESET' }) })],
    [
      'a transaction cancelled by a concurrent one',
      sdkError('TransactionCanceledException', 'client', 400, { CancellationReasons: [{ Code: 'None' }, { Code: 'TransactionConflict' }] }),
    ],
  ])('%s → 503 with a French message', (_label, err) => {
    expect(isTransientFailure(err)).toBe(true);
    const p = toProblem(err, 'req-1');
    expect(p).toMatchObject({ status: 503, type: 'https://vigie.dev/problems/unavailable', requestId: 'req-1' });
    expect(p.detail).toMatch(/Réessayez/);
  });

  test.each([
    [
      'a failed condition in a transaction',
      sdkError('TransactionCanceledException', 'client', 400, { CancellationReasons: [{ Code: 'ConditionalCheckFailed' }] }),
    ],
    ['a validation error of the SDK', sdkError('ValidationException', 'client', 400)],
    ['a bug', new TypeError('x is undefined')],
    ['not an error', 'boom'],
  ])('%s is not transient: an opaque 500', (_label, err) => {
    expect(isTransientFailure(err)).toBe(false);
    expect(toProblem(err).status).toBe(500);
  });

  test('typed domain errors keep their status', () => {
    expect(toProblem(new ConflictError(msg('http.internal'))).status).toBe(409);
  });
});
