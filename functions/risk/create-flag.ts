import { httpHandler, type RouteHandler } from '../http/http-handler';
import { actorOf } from '../../shared/domain/audit';
import { loadReadableProject } from '../../shared/services/load-project';
import { createManualFlag } from '../../shared/domain/risk/lifecycle';
import { flagView } from '../../shared/domain/risk/source';
import { saveFlagChanges } from '../../shared/store/flags';
import { afterChange } from '../../shared/services/after-change';
import * as api from '../../shared/api/routes/risk';

/** A flag added by hand by the legal staff (never closed by re-evaluation). */
export const createFlag: RouteHandler<typeof api.createFlag> = async (req) => {
  const body = req.body;
  const { project } = await loadReadableProject(req);
  const flag = createManualFlag(body, { actor: req.principal, now: new Date() });
  const [stored] = await saveFlagChanges(project.id, [{ flag, previous: null, action: 'flag.raised', detail: { manual: true } }], actorOf(req.principal));
  await afterChange(req, { project, newFlags: [flag] });
  return { status: 201, body: flagView(stored!), version: stored!.version, headers: { location: `/projects/${project.id}/flags/${flag.id}` } };
};

export const handler = httpHandler(api.createFlag, createFlag);
