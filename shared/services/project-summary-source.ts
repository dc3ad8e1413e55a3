import { buildProjectSummary, type ProjectSummary } from '../domain/exports/project-summary';
import type { ExportRequest } from '../domain/exports/request';
import { latestAgreement, listSignatures } from '../store/agreements';
import { listFlags } from '../store/flags';
import { getOrganizations } from '../store/organizations';
import { getProjectHeader, toView } from '../store/projects';
import { getWorkflow } from '../store/workflow';
import { projectIdPages } from '../store/export-reads';
import { inPeriod } from './export-source';

/**
 * The projects of a `project-summary` export, one summary at a time (docs/exports.md, "Project summary (PDF)"):
 * the state of each project when the export runs; the period narrows the flags listed to those raised in it.
 */
export async function* projectSummaries(r: ExportRequest): AsyncGenerator<ProjectSummary> {
  for await (const ids of projectIdPages({ projectId: r.projectId, organizationId: r.organizationId })) {
    for (const id of ids) {
      const [header, flags, workflow, agreement] = await Promise.all([getProjectHeader(id), listFlags(id), getWorkflow(id), latestAgreement(id)]);
      if (!header) continue;
      const view = toView(header);
      const [organizations, signatures] = await Promise.all([
        getOrganizations(view.partners.map((p) => p.organizationId)),
        agreement ? listSignatures(id, agreement.version) : Promise.resolve([]),
      ]);
      yield buildProjectSummary({
        project: header.project,
        partners: view.partners,
        organizations: organizations.values(),
        flags: r.from || r.to ? flags.filter((f) => inPeriod(f.createdAt, r)) : flags,
        workflow: workflow?.state ?? null,
        agreements: agreement ? [agreement] : [],
        signatures,
      });
    }
  }
}
