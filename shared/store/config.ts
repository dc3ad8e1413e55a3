import { LOCAL_WEB_ORIGIN } from '../domain/cors';

/**
 * Every default of the product in one place: names of the AWS resources and settings, from the environment
 * (set by CDK in AWS and by infra/local locally), else these defaults (also used by infra/aws and infra/local).
 */
export const DEFAULTS = {
  mailFrom: 'vigie@pole.example',
  /** `npm start` serves the API (and, later, the web app) here. */
  webOrigin: LOCAL_WEB_ORIGIN,
} as const;

export { CORS_ALLOW_HEADERS, CORS_ALLOW_METHODS, CORS_EXPOSE_HEADERS, CORS_MAX_AGE_SECONDS } from '../domain/cors';

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
    return env('MAIL_FROM', DEFAULTS.mailFrom);
  },
  /** Origin of the web UI, for CORS and for links in emails. */
  get webOrigin() {
    return env('WEB_ORIGIN', DEFAULTS.webOrigin);
  },
};
