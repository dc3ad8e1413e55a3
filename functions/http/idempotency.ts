import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { IdempotencyAlreadyInProgressError, IdempotencyValidationError } from '@aws-lambda-powertools/idempotency';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { dynamo } from '../../shared/store/clients';
import { config } from '../../shared/store/config';
import { ConflictError, UnprocessableError, ValidationError } from '../../shared/domain/errors';
import { fieldError } from '../../shared/domain/validation';
import { msg } from '../../shared/domain/i18n/catalog';

/**
 * `Idempotency-Key` on creating POSTs (Powertools idempotency, DynamoDB persistence). The key is scoped to
 * the caller and the route, so one user can never replay another's response. The body is part of the
 * record: the same key with a different body is refused with 422. Failed requests are not remembered.
 */
let persistence: DynamoDBPersistenceLayer | undefined;
const store = () => (persistence ??= new DynamoDBPersistenceLayer({ tableName: config.idempotencyTableName, awsSdkV3Client: dynamo() as never }));

const idemConfig = new IdempotencyConfig({
  eventKeyJmesPath: 'key',
  payloadValidationJmesPath: 'body',
  expiresAfterSeconds: 24 * 3600,
  throwOnNoIdempotencyKey: true,
});

const KEY_RE = /^[A-Za-z0-9_\-:.]{8,128}$/;

export interface IdempotentCall {
  key: string;
  body: string;
}

export async function runIdempotent(
  idempotencyKey: string,
  scope: string,
  rawBody: string,
  context: Context | undefined,
  run: () => Promise<APIGatewayProxyStructuredResultV2>,
): Promise<APIGatewayProxyStructuredResultV2> {
  if (!KEY_RE.test(idempotencyKey)) {
    throw new ValidationError(msg('idempotency.invalidKeyDetail'), {
      errors: [fieldError(['Idempotency-Key'], msg('idempotency.invalidKey'))],
    });
  }
  if (context) idemConfig.registerLambdaContext(context);
  const fn = makeIdempotent(async (_call: IdempotentCall) => run(), { persistenceStore: store(), config: idemConfig });
  try {
    return await fn({ key: `${scope}|${idempotencyKey}`, body: rawBody });
  } catch (err) {
    if (err instanceof IdempotencyValidationError || (err as Error).name === 'IdempotencyValidationError') {
      throw new UnprocessableError(msg('idempotency.reusedWithOtherBody'));
    }
    if (err instanceof IdempotencyAlreadyInProgressError || (err as Error).name === 'IdempotencyAlreadyInProgressError') {
      throw new ConflictError(msg('idempotency.inProgress'));
    }
    // Powertools wraps the handler's own error; unwrap it so the error middleware maps it.
    const cause = (err as { cause?: unknown }).cause;
    if ((err as Error).name === 'IdempotencyUnknownError' && cause) throw cause;
    throw err;
  }
}
