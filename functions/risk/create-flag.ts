import { httpHandler, type RouteHandler } from '../http/http-handler';
import { actorOf } from '../http/auth';
import { loadReadableProject } from '../../shared/services/load-project';
import { createManualFlag, manualFlagBodySchema } from '../../shared/domain/risk/lifecycle';
import { parseOrThrow } from '../../shared/domain/validation';
import { saveFlagChanges } from '../../shared/store/flags';
import { notifyNewSeriousFlags } from '../../shared/services/notify-flags';

/** A flag added by hand by the legal staff (never closed by re-evaluation). */
export const createFlag: RouteHandler = async (req) => {
  const body = parseOrThrow(manualFlagBodySchema, req.body);
  const { project } = await loadReadableProject(req);
  const flag = createManualFlag(body, { actor: req.principal, now: new Date() });
  const [stored] = await saveFlagChanges(project.id, [{ flag, previous: null, action: 'flag.raised', detail: { manual: true } }], actorOf(req.principal));
  await notifyNewSeriousFlags([{ project, flags: [flag] }]);
  return { status: 201, body: stored, version: stored!.version, headers: { location: `/projects/${project.id}/flags/${flag.id}` } };
};

export const handler = httpHandler('POST /projects/{projectId}/flags', createFlag);
