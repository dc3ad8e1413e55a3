import { httpHandler, type RouteHandler } from '../http/http-handler';
import { loadReadableProject } from '../../shared/services/load-project';
import { ipFileHash } from '../../shared/domain/workflow';
import type { DeclarationDraft } from '../../shared/domain/declaration';
import { getDeclarationVersion, listDeclarationHeads } from '../../shared/store/declarations';
import { getWorkflow } from '../../shared/store/workflow';
import * as api from '../../shared/api/routes/workflow';

/**
 * The consolidated IP file that partner approvals bind to: every partner's last submitted declaration, and the
 * IP-file hash over them — the same hash the workflow's approvals carry, so an approver can check what they
 * approve. Only submitted versions appear, so every partner of the project may read it.
 */
export const getIpFile: RouteHandler<typeof api.getIpFile> = async (req) => {
  const header = await loadReadableProject(req);
  const [heads, workflow] = await Promise.all([listDeclarationHeads(header.project.id), getWorkflow(header.project.id)]);
  const byOrg = new Map(heads.map((h) => [h.organizationId, h]));
  const declarations = await Promise.all(
    header.members.map(async (m) => {
      const last = byOrg.get(m.organizationId)?.submissions.at(-1);
      if (!last) return { organizationId: m.organizationId, role: m.role, submitted: false as const };
      const v = await getDeclarationVersion<DeclarationDraft>(header.project.id, m.organizationId, last.version);
      return {
        organizationId: m.organizationId,
        role: m.role,
        submitted: true as const,
        version: last.version,
        contentHash: last.contentHash,
        submittedAt: last.at,
        content: v?.content ?? null,
      };
    }),
  );
  const complete = declarations.every((d) => d.submitted);
  const hash = complete ? ipFileHash(declarations.map((d) => ({ orgId: d.organizationId, contentHash: (d as { contentHash: string }).contentHash }))) : null;
  return {
    status: 200,
    body: {
      projectId: header.project.id,
      complete,
      ipFileHash: hash,
      // The workflow may lag a submission by nothing: it is updated in the same transaction. Shown for checking.
      workflowIpFileHash: workflow?.state.ipFileHash ?? null,
      declarations,
    },
  };
};

export const handler = httpHandler(api.getIpFile, getIpFile);
