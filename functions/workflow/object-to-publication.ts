import { httpHandler, requireIfMatch, type RouteHandler } from '../http/http-handler';
import { answeringOrg, object } from '../../shared/domain/publication';
import { changeNotice } from '../../shared/services/publication-answer';
import { afterChange } from '../../shared/services/after-change';
import { notifyCleared, notifyObjection, publicationView } from '../../shared/services/publications';
import * as api from '../../shared/api/routes/publications';

/** A partner objects before its deadline (the last day counts until 24:00 Paris time); the publisher is told. */
export const objectToPublication: RouteHandler<typeof api.objectToPublication> = async (req) => {
  const expected = requireIfMatch(req);
  const orgId = answeringOrg(req.principal, req.body.organizationId);
  const { header, before, after } = await changeNotice(req, expected, orgId, (n, actor, now) => object(n, orgId, req.body, actor, now));
  await notifyObjection(header.project, after.notice, orgId);
  if (after.notice.state === 'cleared' && before.state !== 'cleared') await notifyCleared(header.project, after.notice);
  await afterChange(req, { project: header.project, reevaluation: { header } });
  return { status: 200, body: publicationView(req.principal, after.notice, new Date()), version: after.notice.version };
};

export const handler = httpHandler(api.objectToPublication, objectToPublication);
