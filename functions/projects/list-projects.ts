import { httpHandler, type RouteHandler } from '../http/http-handler';
import { pageParams } from '../http/params';
import { listAllProjects, projectsOfLawyer, projectsOfOrganization } from '../../shared/store/projects';
import { projectsAtStage, withStagesPage } from '../../shared/services/project-stages';
import { parseOrThrow } from '../../shared/domain/validation';
import { ForbiddenError } from '../../shared/domain/errors';
import { msg } from '../../shared/domain/i18n/catalog';
import { STAGE_FILTERS } from '../../shared/domain/project-stage';
import * as z from 'zod';
import * as api from '../../shared/api/routes/projects';

const stageQuery = z.object({ stage: z.enum(STAGE_FILTERS).optional() });

/** Each role lists exactly what it may read: staff all (or those at one stage), a lawyer its assignments, a partner its projects. */
export const listProjects: RouteHandler<typeof api.listProjects> = async (req) => {
  const { stage } = parseOrThrow(stageQuery, { stage: req.query.stage || undefined }, msg('what.queryString'));
  const { limit, cursor } = pageParams(req);
  const p = req.principal;
  switch (p.role) {
    case 'legal':
    case 'committee':
      return { status: 200, body: stage ? await projectsAtStage(stage, limit, cursor) : await withStagesPage(await listAllProjects(limit, cursor)) };
    case 'lawyer':
    case 'partner':
      // The stage index spans the whole pôle; a partner's or a lawyer's few projects are filtered in the page.
      if (stage) throw new ForbiddenError(msg('project.stageFilterStaffOnly'));
      if (p.role === 'lawyer' && !p.email) return { status: 200, body: { items: [], nextCursor: null } };
      return {
        status: 200,
        body: await withStagesPage(
          p.role === 'lawyer' ? await projectsOfLawyer(p.email!, limit, cursor) : await projectsOfOrganization(p.organizationId!, limit, cursor),
        ),
      };
  }
};

export const handler = httpHandler(api.listProjects, listProjects);
