import type { DeclarationDraft } from '../domain/declaration';
import type { PartnerRole } from '../domain/project';
import { ipFileHash } from '../domain/workflow';
import { getDeclarationVersion, listDeclarationHeads } from '../store/declarations';
import type { ProjectHeader } from '../store/projects';

/** A partner's place in the IP file: its last submitted declaration, or nothing yet. */
export type IpFileEntry =
  | { organizationId: string; role: PartnerRole; submitted: false }
  | {
      organizationId: string;
      role: PartnerRole;
      submitted: true;
      version: number;
      contentHash: string;
      submittedAt: string;
      content: DeclarationDraft | null;
    };

export interface IpFile {
  /** Every partner has submitted a declaration. */
  complete: boolean;
  /** The hash approvals bind to (shared/domain/workflow.ts `ipFileHash`); null while incomplete. */
  ipFileHash: string | null;
  /** One entry per partner, in project order. */
  declarations: IpFileEntry[];
}

/**
 * The consolidated IP file of a project: every partner's last submitted declaration version and the IP-file
 * hash over them — the hash the workflow's approvals carry. `GET /projects/{id}/ip-file` shows it; agreement
 * generation builds the content model from it and refuses when its hash is not the approved one.
 */
export async function assembleIpFile(header: ProjectHeader): Promise<IpFile> {
  const heads = await listDeclarationHeads(header.project.id);
  const byOrg = new Map(heads.map((h) => [h.organizationId, h]));
  const declarations = await Promise.all(
    header.members.map(async (m): Promise<IpFileEntry> => {
      const last = byOrg.get(m.organizationId)?.submissions.at(-1);
      if (!last) return { organizationId: m.organizationId, role: m.role, submitted: false };
      const v = await getDeclarationVersion<DeclarationDraft>(header.project.id, m.organizationId, last.version);
      return {
        organizationId: m.organizationId,
        role: m.role,
        submitted: true,
        version: last.version,
        contentHash: last.contentHash,
        submittedAt: last.at,
        content: v?.content ?? null,
      };
    }),
  );
  const submitted = declarations.flatMap((d) => (d.submitted ? [{ orgId: d.organizationId, contentHash: d.contentHash }] : []));
  const complete = submitted.length === declarations.length;
  return { complete, ipFileHash: complete ? ipFileHash(submitted) : null, declarations };
}
