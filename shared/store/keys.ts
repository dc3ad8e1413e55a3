/**
 * Every DynamoDB key of the single table is built here (docs/reference/design.md §3).
 *
 *  item               pk                 sk                     gsi1 (sparse)                      gsi2
 *  organization       ORG#<id>           META                   ORGS / <name>#<id>
 *  project            PROJ#<id>          META                   PROJECTS / <updatedAt>#<id>
 *  membership         PROJ#<id>          MEMBER#<orgId>         ORG#<orgId> / PROJ#<id>
 *  lawyer assignment  PROJ#<id>          LAWYER#<email>         LAWYER#<email> / PROJ#<id>
 *  audit chain head   AUDIT#<chain>      HEAD
 *  audit event        AUDIT#<chain>      E#<seq, 10 digits>
 *  document           DOC#<id>           META                   PROJDOCS#<projectId> / <createdAt>#<id>
 *  declaration head   PROJ#<id>          DHEAD#<orgId>
 *  declaration ver.   PROJ#<id>          DECL#<orgId>#V#<000n>
 *  staff member       STAFF#<email>       META                   STAFF / <role>#<email>
 *  workflow           PROJ#<id>          WORKFLOW
 *  open step index    PROJ#<id>          STEP#<stepId>          TASKS#<assignee> / <due>#…        DUE / <due>#<projectId>#<stepId>
 *  reminder digest    DIGEST#<email>     <YYYY-MM-DD>
 *  risk flag          PROJ#<id>          FLAG#<flagId>          OPENFLAGS / <severity>#<updatedAt>#… (open only)
 *  control event      ORG#<id>           CTRL#<recordedAt>#<id>
 *  holding link       ORG#<holderId>     HOLDS#<heldOrgId>
 *
 * Partition sort order matters: a project's META and MEMBER# items are read in one Query
 * (sk BETWEEN 'LAWYER#' AND 'META'), so no other sk prefix may sort between LAWYER# and META.
 */
export const orgKey = (id: string) => ({ pk: `ORG#${id}`, sk: 'META' });
export const orgListGsi = (legalName: string, id: string) => ({ gsi1pk: 'ORGS', gsi1sk: `${legalName.toLowerCase()}#${id}` });
export const ORGS_GSI_PK = 'ORGS';


export const projectKey = (id: string) => ({ pk: `PROJ#${id}`, sk: 'META' });
export const projectListGsi = (updatedAt: string, id: string) => ({ gsi1pk: 'PROJECTS', gsi1sk: `${updatedAt}#${id}` });
export const PROJECTS_GSI_PK = 'PROJECTS';

export const membershipKey = (projectId: string, orgId: string) => ({ pk: `PROJ#${projectId}`, sk: `MEMBER#${orgId}` });
export const membershipGsi = (projectId: string, orgId: string) => ({ gsi1pk: `ORG#${orgId}`, gsi1sk: `PROJ#${projectId}` });
/** gsi1 partition listing the projects an organization belongs to. */
export const projectsOfOrgGsiPk = (orgId: string) => `ORG#${orgId}`;

export const lawyerKey = (projectId: string, email: string) => ({ pk: `PROJ#${projectId}`, sk: `LAWYER#${email}` });
export const lawyerGsi = (projectId: string, email: string) => ({ gsi1pk: `LAWYER#${email}`, gsi1sk: `PROJ#${projectId}` });
export const projectsOfLawyerGsiPk = (email: string) => `LAWYER#${email}`;

/** Range that covers a project's LAWYER#, MEMBER# and META items (see the note above). */
export const PROJECT_HEADER_RANGE = { from: 'LAWYER#', to: 'META' } as const;

export const projectChain = (projectId: string) => `PROJ#${projectId}`;
export const orgChain = (orgId: string) => `ORG#${orgId}`;
export const auditHeadKey = (chain: string) => ({ pk: `AUDIT#${chain}`, sk: 'HEAD' });
export const auditEventKey = (chain: string, seq: number) => ({ pk: `AUDIT#${chain}`, sk: `E#${String(seq).padStart(10, '0')}` });
export const auditPk = (chain: string) => `AUDIT#${chain}`;

export const KEY_ATTRIBUTES = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'entity'] as const;

/** Removes key and bookkeeping attributes from a stored item. */
export function stripKeys<T>(item: Record<string, unknown>): T {
  const out: Record<string, unknown> = { ...item };
  for (const k of KEY_ATTRIBUTES) delete out[k];
  return out as T;
}

/** Documents: own partition (GET /documents/{docId} has no project in its path), listed per project via gsi1. */
export const documentKey = (docId: string) => ({ pk: `DOC#${docId}`, sk: 'META' });
export const documentsOfProjectGsiPk = (projectId: string) => `PROJDOCS#${projectId}`;
export const documentProjectGsi = (projectId: string, createdAt: string, docId: string) => ({
  gsi1pk: documentsOfProjectGsiPk(projectId),
  gsi1sk: `${createdAt}#${docId}`,
});

/**
 * Declarations: every save is an immutable version item; a head item points at the latest version and
 * records submissions. (DECL# and DHEAD# sort before LAWYER#, outside the project-header range.)
 */
export const declarationHeadKey = (projectId: string, orgId: string) => ({ pk: `PROJ#${projectId}`, sk: `DHEAD#${orgId}` });
export const declarationVersionKey = (projectId: string, orgId: string, n: number) => ({ pk: `PROJ#${projectId}`, sk: `DECL#${orgId}#V#${String(n).padStart(6, '0')}` });
export const declarationVersionPrefix = (orgId: string) => `DECL#${orgId}#V#`;
/** Heads have their own prefix so that listing them never reads the (many, large) version items. */
export const DECLARATION_HEAD_PREFIX = 'DHEAD#';

/** Staff directory: one item per person, listed through gsi1. */
export const staffKey = (email: string) => ({ pk: `STAFF#${email}`, sk: 'META' });
export const STAFF_GSI_PK = 'STAFF';
export const staffGsi = (role: string, email: string) => ({ gsi1pk: STAFF_GSI_PK, gsi1sk: `${role}#${email}` });

/**
 * Workflow: the state machine's JSON in one item per project; one index item per OPEN step, on the sparse
 * gsi2 (`DUE` / due date — the reminder job reads only due steps) and on gsi1 (`TASKS#<assignee>` — /me/tasks).
 */
export const workflowKey = (projectId: string) => ({ pk: `PROJ#${projectId}`, sk: 'WORKFLOW' });
export const stepIndexKey = (projectId: string, stepId: string) => ({ pk: `PROJ#${projectId}`, sk: `STEP#${stepId}` });
export const DUE_GSI_PK = 'DUE';
export const stepIndexGsi = (assigneeKey: string, dueDate: string, projectId: string, stepId: string) => ({
  gsi1pk: `TASKS#${assigneeKey}`,
  gsi1sk: `${dueDate}#${projectId}#${stepId}`,
  gsi2pk: DUE_GSI_PK,
  gsi2sk: `${dueDate}#${projectId}#${stepId}`,
});
export const tasksGsiPk = (assigneeKey: string) => `TASKS#${assigneeKey}`;

/** Reminder digests sent: one item per (person, Paris date), written under a condition so a digest goes once. */
export const digestKey = (email: string, date: string) => ({ pk: `DIGEST#${email}`, sk: date });

/**
 * Risk flags: one item per flag in the project partition; while a flag is open or acknowledged it is also on
 * gsi1 `OPENFLAGS` / `<severity>#<updatedAt>#<projectId>#<flagId>` for the cross-project dashboard (sparse).
 */
export const flagKey = (projectId: string, flagId: string) => ({ pk: `PROJ#${projectId}`, sk: `FLAG#${flagId}` });
export const OPEN_FLAGS_GSI_PK = 'OPENFLAGS';
export const openFlagGsi = (severity: string, updatedAt: string, projectId: string, flagId: string) => ({ gsi1pk: OPEN_FLAGS_GSI_PK, gsi1sk: `${severity}#${updatedAt}#${projectId}#${flagId}` });

/** Control events (shareholding changes, acquisitions) of an organization, in its partition. */
export const controlEventKey = (orgId: string, recordedAt: string, id: string) => ({ pk: `ORG#${orgId}`, sk: `CTRL#${recordedAt}#${id}` });

/**
 * Holding links, the reverse of `shareholders[].organizationId`: in the holder's partition, one item per
 * organization it holds shares in. A change of a holder (e.g. an acquisition of the US fund behind a start-up)
 * re-evaluates the projects of every organization below it.
 */
export const holdingKey = (holderId: string, heldId: string) => ({ pk: `ORG#${holderId}`, sk: `HOLDS#${heldId}` });
export const HOLDINGS_PREFIX = 'HOLDS#';
