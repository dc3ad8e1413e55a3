/**
 * Stands in for `@aws-sdk/credential-provider-node` in the Lambda bundles (an esbuild alias in LAMBDA_BUNDLING).
 * In Lambda the function role's credentials are always in the environment (AWS_ACCESS_KEY_ID,
 * AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), so the SDK's default chain (SSO, ini files, processes, web identity,
 * container and instance metadata, with the STS/SSO clients they need) is dead weight: ≈ 110–130 KB per bundle
 * and 40–60 ms of cold start on Node 24 (bench/RESULTS.md, "Floors"). `npm start` and the tests do not bundle, and
 * keep the full chain.
 */
import { fromEnv } from '@aws-sdk/credential-provider-env';

type Init = Parameters<typeof fromEnv>[0];

export const defaultProvider = (init: Init = {}) => fromEnv(init);
