import { httpHandler, type RouteHandler } from '../http/http-handler';
import { actorOf } from '../http/auth';
import { loadReadableProject } from '../../shared/services/load-project';
import { applyAction, flagActionBodySchema } from '../../shared/domain/risk/lifecycle';
import { parseOrThrow } from '../../shared/domain/validation';
import { NotFoundError } from '../../shared/domain/errors';
import { listFlags, saveFlagChanges } from '../../shared/store/flags';

/** acknowledge, mitigate (note), waive (legal only, justification ≥ 20 characters) or reopen; audited. */
export const flagAction: RouteHandler = async (req) => {
  const body = parseOrThrow(flagActionBodySchema, req.body);
  const { project } = await loadReadableProject(req);
  const current = (await listFlags(project.id)).find((f) => f.id === req.params.flagId);
  if (!current) throw new NotFoundError('No such flag in this project.');
  const next = applyAction(current, { ...body, actor: req.principal, now: new Date() });
  const detail = body.action === 'waive' ? { justification: body.justification } : body.note ? { note: body.note } : {};
  const [stored] = await saveFlagChanges(project.id, [{ flag: next, previous: current, action: `flag.${body.action}`, detail }], actorOf(req.principal));
  return { status: 200, body: stored, version: stored!.version };
};

export const handler = httpHandler('POST /projects/{projectId}/flags/{flagId}/actions', flagAction);
