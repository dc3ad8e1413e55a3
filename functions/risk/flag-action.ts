import { httpHandler, type RouteHandler } from '../http/http-handler';
import { actorOf } from '../../shared/domain/audit';
import { loadReadableProject } from '../../shared/services/load-project';
import { applyAction } from '../../shared/domain/risk/lifecycle';
import { flagView } from '../../shared/domain/risk/source';
import { NotFoundError } from '../../shared/domain/errors';
import { listFlags, saveFlagChanges } from '../../shared/store/flags';
import * as api from '../../shared/api/routes/risk';
import { msg } from '../../shared/domain/i18n/catalog';

/** acknowledge, mitigate (note), waive (legal only, justification ≥ 20 characters) or reopen; audited. */
export const flagAction: RouteHandler<typeof api.flagAction> = async (req) => {
  const body = req.body;
  const { project } = await loadReadableProject(req);
  const current = (await listFlags(project.id)).find((f) => f.id === req.params.flagId);
  if (!current) throw new NotFoundError(msg('flag.notFound'));
  const next = applyAction(current, { ...body, actor: req.principal, now: new Date() });
  const detail = body.action === 'waive' ? { justification: body.justification } : body.note ? { note: body.note } : {};
  const [stored] = await saveFlagChanges(project.id, [{ flag: next, previous: current, action: `flag.${body.action}`, detail }], actorOf(req.principal));
  return { status: 200, body: flagView(stored!), version: stored!.version };
};

export const handler = httpHandler(api.flagAction, flagAction);
