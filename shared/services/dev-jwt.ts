import { jwtVerify, SignJWT } from 'jose';
import { CLAIMS } from '../domain/claims';
import type { Role } from '../domain/access';

/**
 * Local-only tokens shaped like Cognito ID tokens (same claim names), signed HS256 with a secret that
 * infra/local keeps under .data/. The local server verifies issuer, audience and expiry as the
 * API Gateway JWT authorizer does in AWS.
 */
export const DEV_ISSUER = 'https://vigie.local/dev-auth';
export const DEV_AUDIENCE = 'vigie-local';
export const DEV_TOKEN_TTL_SECONDS = 8 * 3600;

export interface DevUser {
  sub: string;
  role: Role;
  email: string;
  name: string;
  organizationId?: string;
}

const key = (secret: string) => new TextEncoder().encode(secret);

export async function signDevToken(user: DevUser, secret: string, now = new Date()): Promise<string> {
  const claims: Record<string, unknown> = {
    [CLAIMS.email]: user.email,
    [CLAIMS.name]: user.name,
    [CLAIMS.groups]: [user.role],
    token_use: 'id',
  };
  if (user.organizationId) claims[CLAIMS.organizationId] = user.organizationId;
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(user.sub)
    .setIssuer(DEV_ISSUER)
    .setAudience(DEV_AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(iat + DEV_TOKEN_TTL_SECONDS)
    .sign(key(secret));
}

/** Verifies signature, issuer, audience and expiry; returns the claims or throws. */
export async function verifyDevToken(token: string, secret: string): Promise<Record<string, unknown>> {
  const { payload } = await jwtVerify(token, key(secret), { issuer: DEV_ISSUER, audience: DEV_AUDIENCE, algorithms: ['HS256'] });
  return payload as Record<string, unknown>;
}
