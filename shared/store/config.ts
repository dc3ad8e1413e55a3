/** Names of the AWS resources, from the environment (set by CDK in AWS and by infra/local locally). */
const env = (name: string, fallback: string) => process.env[name] ?? fallback;

export const config = {
  get tableName() {
    return env('TABLE_NAME', 'vigie');
  },
  get idempotencyTableName() {
    return env('IDEMPOTENCY_TABLE_NAME', 'vigie-idempotency');
  },
  get documentsBucket() {
    return env('DOCUMENTS_BUCKET', 'vigie-documents');
  },
  get agreementsBucket() {
    return env('AGREEMENTS_BUCKET', 'vigie-agreements');
  },
  get exportsBucket() {
    return env('EXPORTS_BUCKET', 'vigie-exports');
  },
  get mailFrom() {
    return env('MAIL_FROM', 'vigie@pole.example');
  },
  /** Origin of the web UI, for CORS and for links in emails. */
  get webOrigin() {
    return env('WEB_ORIGIN', 'http://127.0.0.1:3000');
  },
};
