import { httpHandler, requireIfMatch, type RouteHandler } from '../http/http-handler';
import { answeringOrg, consent } from '../../shared/domain/publication';
import { changeNotice } from '../../shared/services/publication-answer';
import { afterChange } from '../../shared/services/after-change';
import { notifyCleared, publicationView } from '../../shared/services/publications';
import * as api from '../../shared/api/routes/publications';

/** An explicit consent before the deadline; final for the partner. The last consent clears the notice. */
export const consentToPublication: RouteHandler<typeof api.consentToPublication> = async (req) => {
  const expected = requireIfMatch(req);
  const orgId = answeringOrg(req.principal, req.body.organizationId);
  const { header, before, after } = await changeNotice(req, expected, orgId, (n, actor, now) => consent(n, orgId, req.body.comment, actor, now));
  if (after.notice.state === 'cleared' && before.state !== 'cleared') await notifyCleared(header.project, after.notice);
  await afterChange(req, { project: header.project, reevaluation: { header } });
  return { status: 200, body: publicationView(req.principal, after.notice, new Date()), version: after.notice.version };
};

export const handler = httpHandler(api.consentToPublication, consentToPublication);
