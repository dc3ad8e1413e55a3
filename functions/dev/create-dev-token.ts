import { createHash } from 'node:crypto';
import { httpHandler, type RouteHandler } from '../http/http-handler';
import { fieldError } from '../../shared/domain/validation';
import { NotFoundError, ValidationError } from '../../shared/domain/errors';
import { getOrganization } from '../../shared/store/organizations';
import { DEV_TOKEN_TTL_SECONDS, signDevToken, type DevUser } from '../../shared/services/dev-jwt';
import * as api from '../../shared/api/routes/dev';
import { msg } from '../../shared/domain/i18n/catalog';

const DEFAULTS: Record<string, { email: string; name: string }> = {
  legal: { email: 'juriste@pole.example', name: 'Claire Juriste (pôle)' },
  committee: { email: 'comite@pole.example', name: "Marc Comité (comité d'appui)" },
  lawyer: { email: 'avocat@cabinet-pi.example', name: 'Maître Anne Avocat' },
};

/** POST /dev/token — local mode only (never deployed; DEV_TOKEN_SECRET exists only in infra/local). */
export const createDevToken: RouteHandler<typeof api.createDevToken> = async (req) => {
  const secret = process.env.DEV_TOKEN_SECRET;
  if (!secret) throw new NotFoundError(msg('auth.devOnly'));
  const body = req.body;
  let user: DevUser;
  if (body.role === 'partner') {
    const org = await getOrganization(body.organizationId!);
    if (!org) throw new ValidationError(msg('organization.notFound'), { errors: [fieldError(['organizationId'], msg('field.noSuchOrganization'))] });
    const rep = org.representatives[0];
    user = {
      sub: `dev-partner-${org.id.slice(4, 16)}`,
      role: 'partner',
      organizationId: org.id,
      email: body.email ?? rep?.email ?? `representant@${org.id.slice(4, 12)}.example`,
      name: body.name ?? rep?.name ?? `Représentant ${org.legalName}`,
    };
  } else {
    const d = DEFAULTS[body.role]!;
    const email = body.email ?? d.email;
    user = { sub: `dev-${body.role}-${createHash('sha256').update(email).digest('hex').slice(0, 12)}`, role: body.role, email, name: body.name ?? d.name };
  }
  const token = await signDevToken(user, secret);
  return { status: 201, body: { token, tokenType: 'Bearer', expiresIn: DEV_TOKEN_TTL_SECONDS, user } };
};

export const handler = httpHandler(api.createDevToken, createDevToken);
