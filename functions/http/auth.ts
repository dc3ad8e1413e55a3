import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { ROLES, type Principal, type Role } from '../../shared/domain/access';
import { UnauthorizedError } from '../../shared/domain/errors';
import { CLAIMS } from '../../shared/domain/claims';
import { msg } from '../../shared/domain/i18n/catalog';

export { CLAIMS };

function parseGroups(raw: unknown): string[] {
  if (Array.isArray(raw)) return raw.map(String);
  if (typeof raw !== 'string') return [];
  return raw
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .filter(Boolean);
}

/** The caller, from the token claims only — never from the request body. */
export function principalFromEvent(event: Pick<APIGatewayProxyEventV2WithJWTAuthorizer, 'requestContext'>): Principal {
  const claims = (event.requestContext as { authorizer?: { jwt?: { claims?: Record<string, unknown> } } }).authorizer?.jwt?.claims;
  if (!claims) throw new UnauthorizedError(msg('auth.tokenRequired'));
  const sub = claims[CLAIMS.sub];
  const role = parseGroups(claims[CLAIMS.groups]).find((g): g is Role => (ROLES as readonly string[]).includes(g));
  if (typeof sub !== 'string' || !sub || !role) throw new UnauthorizedError(msg('auth.tokenIncomplete'));
  const principal: Principal = { sub, role };
  const email = claims[CLAIMS.email];
  if (typeof email === 'string' && email) principal.email = email.toLowerCase();
  const name = claims[CLAIMS.name];
  if (typeof name === 'string' && name) principal.name = name;
  const org = claims[CLAIMS.organizationId];
  if (role === 'partner') {
    if (typeof org !== 'string' || !org) throw new UnauthorizedError(msg('auth.partnerWithoutOrganization'));
    principal.organizationId = org;
  }
  return principal;
}
