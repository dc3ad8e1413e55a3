import { httpHandler, requireIfMatch, type RouteHandler } from '../http/http-handler';
import { pathParam } from '../http/params';
import { answeringOrg, withdrawObjection } from '../../shared/domain/publication';
import { orgIdSchema } from '../../shared/domain/organization';
import { ForbiddenError } from '../../shared/domain/errors';
import { msg } from '../../shared/domain/i18n/catalog';
import { changeNotice } from '../../shared/services/publication-answer';
import { afterChange } from '../../shared/services/after-change';
import { notifyCleared, publicationView } from '../../shared/services/publications';
import * as api from '../../shared/api/routes/publications';

/** The objector (or legal staff for it) withdraws its objection: that is its consent. */
export const withdrawPublicationObjection: RouteHandler<typeof api.withdrawPublicationObjection> = async (req) => {
  const expected = requireIfMatch(req);
  const named = pathParam(req, 'organizationId', orgIdSchema);
  const orgId = answeringOrg(req.principal, named);
  if (orgId !== named) throw new ForbiddenError(msg('publication.answerRoles'));
  const { header, before, after } = await changeNotice(req, expected, orgId, (n, actor, now) => withdrawObjection(n, orgId, actor, now));
  if (after.notice.state === 'cleared' && before.state !== 'cleared') await notifyCleared(header.project, after.notice);
  await afterChange(req, { project: header.project, reevaluation: { header } });
  return { status: 200, body: publicationView(req.principal, after.notice, new Date()), version: after.notice.version };
};

export const handler = httpHandler(api.withdrawPublicationObjection, withdrawPublicationObjection);
