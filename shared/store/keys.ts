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
 *  audit checkpoint   AUDIT#<chain>      CP#<seq, 10 digits>    (every 1,000th event, written with it)
 *  verified checkpt.  AUDIT#<chain>      VCP#<seq, 10 digits>   (the end of a verified segment)
 *  audit verification AUDIT#<chain>      VJOB#<id>              (a full verification job)
 *  last full verif.   AUDIT#<chain>      VLAST                  (the outcome of the chain's last full verification)
 *  document           DOC#<id>           META                   PROJDOCS#<projectId> / <createdAt>#<id>
 *  declaration head   PROJ#<id>          DHEAD#<orgId>
 *  declaration ver.   PROJ#<id>          DECL#<orgId>#V#<000n>
 *  staff member       STAFF#<email>       META                   STAFF#<role> / <email>
 *  workflow           PROJ#<id>          WORKFLOW
 *  workflow stage     PROJ#<id>          STAGE                                                     STAGE#<stage|rejected> / <updatedAt>#<projectId>
 *  open step index    PROJ#<id>          STEP#<stepId>          TASKS#<assignee> / <due>#…        DUE#<shard 0-7> / <due>#<projectId>#<stepId>
 *  reminder digest    DIGEST#<email>     <YYYY-MM-DD>
 *  risk flag          PROJ#<id>          FLAG#<flagId>          OPENFLAGS / <severity>#<updatedAt>#… (open only)
 *  control event      ORG#<id>           CTRL#<recordedAt>#<id>
 *  control event ver. ORG#<id>           CTRLV#<eventId>#<00000n>   (immutable: one per recording, amendment, withdrawal)
 *  holding link       ORG#<holderId>     HOLDS#<heldOrgId>
 *  publication notice PROJ#<id>          PUB#<pubId>
 *  publication task   PROJ#<id>          PUBTASK#<pubId>#<orgId> TASKS#org:<orgId> / <deadline>#…     DUE#<shard 0-7> / <deadline>#<projectId>#<taskId>
 *  control review     PROJ#<id>          CREV#<reviewId>
 *  control rev. task  PROJ#<id>          CREVTASK#<reviewId>    TASKS#role:committee / <due>#…     DUE#<shard 0-7> / <due>#<projectId>#<taskId>
 *  agreement version  PROJ#<id>          AGR#V#<00000n>
 *  agreement signat.  PROJ#<id>          AGRSIG#<00000n>#<orgId>
 *  export job         EXPORT#<id>        META                   EXPORTS#<requester sub> / <createdAt>#<id>
 *  migration marker   MIGRATION#<name>   META
 *
 *  gsi3, the dated index (sparse; compliance exports read a period of the whole pôle from it, page by page):
 *  audit event        DATED#AUDIT / <at>#<chain>#<seq>
 *  declaration ver.   DATED#DECL  / <savedAt>#<projectId>#<orgId>#<n>
 *  risk flag          DATED#FLAG  / <createdAt>#<projectId>#<flagId>
 *  control event      DATED#CTRL  / <recordedAt>#<orgId>#<id>
 *
 * Partition sort order matters: a project's META and MEMBER# items are read in one Query
 * (sk BETWEEN 'LAWYER#' AND 'META'), so no other sk prefix may sort between LAWYER# and META.
 */
/** Sort key of an entity's main item in its own partition. */
export const META_SK = 'META';

export const orgPk = (id: string) => `ORG#${id}`;
export const orgKey = (id: string) => ({ pk: orgPk(id), sk: META_SK });
export const ORGS_GSI_PK = 'ORGS';
export const orgListGsi = (legalName: string, id: string) => ({ gsi1pk: ORGS_GSI_PK, gsi1sk: `${legalName.toLowerCase()}#${id}` });

export const projectPk = (id: string) => `PROJ#${id}`;
export const projectKey = (id: string) => ({ pk: projectPk(id), sk: META_SK });
export const PROJECTS_GSI_PK = 'PROJECTS';
export const projectListGsi = (updatedAt: string, id: string) => ({ gsi1pk: PROJECTS_GSI_PK, gsi1sk: `${updatedAt}#${id}` });

export const MEMBER_PREFIX = 'MEMBER#';
export const LAWYER_PREFIX = 'LAWYER#';
/** gsi1sk of membership and lawyer items: the project they point at (`PROJ#<id>`). */
export const PROJECT_REF_PREFIX = 'PROJ#';
export const projectRef = (projectId: string) => `${PROJECT_REF_PREFIX}${projectId}`;
export const projectIdOfRef = (ref: string) => ref.slice(PROJECT_REF_PREFIX.length);

export const membershipKey = (projectId: string, orgId: string) => ({ pk: projectPk(projectId), sk: `${MEMBER_PREFIX}${orgId}` });
export const membershipGsi = (projectId: string, orgId: string) => ({ gsi1pk: projectsOfOrgGsiPk(orgId), gsi1sk: projectRef(projectId) });
/** gsi1 partition listing the projects an organization belongs to. */
export const projectsOfOrgGsiPk = (orgId: string) => orgPk(orgId);

export const lawyerKey = (projectId: string, email: string) => ({ pk: projectPk(projectId), sk: `${LAWYER_PREFIX}${email}` });
export const lawyerGsi = (projectId: string, email: string) => ({ gsi1pk: projectsOfLawyerGsiPk(email), gsi1sk: projectRef(projectId) });
export const projectsOfLawyerGsiPk = (email: string) => `${LAWYER_PREFIX}${email}`;

/** Range that covers a project's LAWYER#, MEMBER# and META items (see the note above). */
export const PROJECT_HEADER_RANGE = { from: LAWYER_PREFIX, to: META_SK } as const;

export const projectChain = (projectId: string) => projectPk(projectId);
export const orgChain = (orgId: string) => orgPk(orgId);
export const AUDIT_HEAD_SK = 'HEAD';
export const AUDIT_EVENT_PREFIX = 'E#';
export const auditPk = (chain: string) => `AUDIT#${chain}`;
export const auditHeadKey = (chain: string) => ({ pk: auditPk(chain), sk: AUDIT_HEAD_SK });
export const auditEventKey = (chain: string, seq: number) => ({ pk: auditPk(chain), sk: `${AUDIT_EVENT_PREFIX}${String(seq).padStart(10, '0')}` });
const seqSk = (prefix: string, seq: number) => `${prefix}${String(seq).padStart(10, '0')}`;
export const AUDIT_CHECKPOINT_PREFIX = 'CP#';
export const AUDIT_VERIFIED_CHECKPOINT_PREFIX = 'VCP#';
export const AUDIT_VERIFICATION_PREFIX = 'VJOB#';
export const AUDIT_LAST_FULL_SK = 'VLAST';
export const auditCheckpointKey = (chain: string, seq: number) => ({ pk: auditPk(chain), sk: seqSk(AUDIT_CHECKPOINT_PREFIX, seq) });
export const auditVerifiedCheckpointKey = (chain: string, seq: number) => ({ pk: auditPk(chain), sk: seqSk(AUDIT_VERIFIED_CHECKPOINT_PREFIX, seq) });
export const auditVerificationKey = (chain: string, id: string) => ({ pk: auditPk(chain), sk: `${AUDIT_VERIFICATION_PREFIX}${id}` });
export const auditLastFullKey = (chain: string) => ({ pk: auditPk(chain), sk: AUDIT_LAST_FULL_SK });

export const KEY_ATTRIBUTES = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk', 'entity'] as const;

/** Removes key and bookkeeping attributes from a stored item. */
export function stripKeys<T>(item: Record<string, unknown>): T {
  const out: Record<string, unknown> = { ...item };
  for (const k of KEY_ATTRIBUTES) delete out[k];
  return out as T;
}

/** Documents: own partition (GET /documents/{docId} has no project in its path), listed per project via gsi1. */
export const documentKey = (docId: string) => ({ pk: `DOC#${docId}`, sk: META_SK });
export const documentsOfProjectGsiPk = (projectId: string) => `PROJDOCS#${projectId}`;
export const documentProjectGsi = (projectId: string, createdAt: string, docId: string) => ({
  gsi1pk: documentsOfProjectGsiPk(projectId),
  gsi1sk: `${createdAt}#${docId}`,
});

/**
 * Declarations: every save is an immutable version item; a head item points at the latest version and
 * records submissions. (DECL# and DHEAD# sort before LAWYER#, outside the project-header range.) Heads have
 * their own prefix so that listing them never reads the (many, large) version items.
 */
export const DECLARATION_HEAD_PREFIX = 'DHEAD#';
export const declarationHeadKey = (projectId: string, orgId: string) => ({ pk: projectPk(projectId), sk: `${DECLARATION_HEAD_PREFIX}${orgId}` });
export const declarationVersionPrefix = (orgId: string) => `DECL#${orgId}#V#`;
export const declarationVersionKey = (projectId: string, orgId: string, n: number) => ({
  pk: projectPk(projectId),
  sk: `${declarationVersionPrefix(orgId)}${String(n).padStart(6, '0')}`,
});

/**
 * A stable shard 0…n-1 of a string (FNV-1a, 32 bits): spreads one family's index writes over n partition keys,
 * so that no single key takes them all (docs/scale.md). The same id always lands in the same shard.
 */
export function shardOf(id: string, n: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193) >>> 0;
  return h % n;
}

/** Staff directory: one item per person, listed through gsi1, one partition per role (`STAFF#<role>` / email). */
export const staffKey = (email: string) => ({ pk: `STAFF#${email}`, sk: META_SK });
export const staffGsiPk = (role: string) => `STAFF#${role}`;
export const staffGsi = (role: string, email: string) => ({ gsi1pk: staffGsiPk(role), gsi1sk: email });
/** Before `shard-keys-v1`: the whole directory under one key, `STAFF` / `<role>#<email>`. */
export const LEGACY_STAFF_GSI_PK = 'STAFF';

/**
 * Workflow: the state machine's JSON in one item per project; one index item per OPEN step, on the sparse
 * gsi2 (`DUE#<shard>` / due date — the reminder job reads only due steps) and on gsi1 (`TASKS#<assignee>` — /me/tasks).
 */
export const workflowKey = (projectId: string) => ({ pk: projectPk(projectId), sk: 'WORKFLOW' });
/**
 * A small copy of a workflow's stage and status, written with every workflow change, on gsi2 by stage: the
 * project lists read it (never the whole workflow item), and `GET /projects?stage=` is one Query. Rejected
 * workflows sit under `STAGE#rejected`, whatever stage they stopped at.
 */
export const stageMarkerKey = (projectId: string) => ({ pk: projectPk(projectId), sk: 'STAGE' });
export const stageGsiPk = (phase: string) => `STAGE#${phase}`;
export const stageGsi = (phase: string, updatedAt: string, projectId: string) => ({ gsi2pk: stageGsiPk(phase), gsi2sk: `${updatedAt}#${projectId}` });
export const stepIndexKey = (projectId: string, stepId: string) => ({ pk: projectPk(projectId), sk: `STEP#${stepId}` });
/** The due-date index is written by every workflow change of every project: 8 shards by project (`DUE#0`…`DUE#7`). */
export const DUE_SHARDS = 8;
export const dueGsiPk = (projectId: string) => `DUE#${shardOf(projectId, DUE_SHARDS)}`;
export const DUE_GSI_PKS: readonly string[] = Array.from({ length: DUE_SHARDS }, (_, i) => `DUE#${i}`);
/** Before `shard-keys-v1`: every open step under one key. */
export const LEGACY_DUE_GSI_PK = 'DUE';
export const tasksGsiPk = (assigneeKey: string) => `TASKS#${assigneeKey}`;
const dueSk = (dueDate: string, projectId: string, stepId: string) => `${dueDate}#${projectId}#${stepId}`;
export const stepIndexGsi = (assigneeKey: string, dueDate: string, projectId: string, stepId: string) => ({
  gsi1pk: tasksGsiPk(assigneeKey),
  gsi1sk: dueSk(dueDate, projectId, stepId),
  gsi2pk: dueGsiPk(projectId),
  gsi2sk: dueSk(dueDate, projectId, stepId),
});
/** The task partitions (`TASKS#<assignee key>`): an organization, a named person, or a whole staff role. */
export const assigneeKeys = {
  org: (orgId: string) => `org:${orgId}`,
  email: (email: string) => `email:${email}`,
  role: (role: string) => `role:${role}`,
} as const;

/**
 * Publication notices (docs/publications.md): one item per notice in the project partition (`PUB#` sorts after
 * META, outside the project-header range; ids begin with their creation time, so the partition lists them in
 * order). Each partner whose answer is awaited has a task item indexed exactly like an open workflow step
 * (gsi1 `TASKS#org:<orgId>`, gsi2 `DUE#<shard>`), so `/me/tasks` and the reminder job read both kinds.
 */
export const PUBLICATION_PREFIX = 'PUB#';
export const publicationKey = (projectId: string, id: string) => ({ pk: projectPk(projectId), sk: `${PUBLICATION_PREFIX}${id}` });
export const PUBLICATION_TASK_PREFIX = 'PUBTASK#';
export const publicationTaskKey = (projectId: string, id: string, orgId: string) => ({
  pk: projectPk(projectId),
  sk: `${PUBLICATION_TASK_PREFIX}${id}#${orgId}`,
});
/** The task id of a partner's answer to a notice, in the place of a workflow step id (`publication:<pubId>:<orgId>`). */
export const publicationTaskId = (id: string, orgId: string) => `publication:${id}:${orgId}`;

/**
 * Change-of-control reviews (docs/change-of-control.md): one item per (project, control event) in the project
 * partition (`CREV#` sorts before `LAWYER#`, outside the project-header range), and while the committee has not
 * decided, one task item indexed like an open committee step (gsi1 `TASKS#role:committee`, gsi2 `DUE#<shard>`).
 */
export const CONTROL_REVIEW_PREFIX = 'CREV#';
export const controlReviewKey = (projectId: string, id: string) => ({ pk: projectPk(projectId), sk: `${CONTROL_REVIEW_PREFIX}${id}` });
export const CONTROL_REVIEW_TASK_PREFIX = 'CREVTASK#';
export const controlReviewTaskKey = (projectId: string, id: string) => ({ pk: projectPk(projectId), sk: `${CONTROL_REVIEW_TASK_PREFIX}${id}` });
/** The task id of a committee review, in the place of a workflow step id (`control-review:<reviewId>`). */
export const controlReviewTaskId = (id: string) => `control-review:${id}`;

/** Reminder digests sent: one item per (person, Paris date), written under a condition so a digest goes once. */
export const digestKey = (email: string, date: string) => ({ pk: `DIGEST#${email}`, sk: date });

/**
 * Risk flags: one item per flag in the project partition; while a flag is open or acknowledged it is also on
 * gsi1 `OPENFLAGS` / `<severity>#<updatedAt>#<projectId>#<flagId>` for the cross-project dashboard (sparse).
 */
export const FLAG_PREFIX = 'FLAG#';
export const flagKey = (projectId: string, flagId: string) => ({ pk: projectPk(projectId), sk: `${FLAG_PREFIX}${flagId}` });
export const OPEN_FLAGS_GSI_PK = 'OPENFLAGS';
export const openFlagSeverityPrefix = (severity: string) => `${severity}#`;
export const openFlagGsi = (severity: string, updatedAt: string, projectId: string, flagId: string) => ({
  gsi1pk: OPEN_FLAGS_GSI_PK,
  gsi1sk: `${openFlagSeverityPrefix(severity)}${updatedAt}#${projectId}#${flagId}`,
});

/** Control events (shareholding changes, acquisitions) of an organization, in its partition. */
export const CONTROL_EVENT_PREFIX = 'CTRL#';
export const controlEventKey = (orgId: string, recordedAt: string, id: string) => ({ pk: orgPk(orgId), sk: `${CONTROL_EVENT_PREFIX}${recordedAt}#${id}` });
/** Immutable versions of a control event ('CTRLV#' does not start with 'CTRL#': the event listing does not see them). */
export const CONTROL_EVENT_VERSION_PREFIX = 'CTRLV#';
export const controlEventVersionKey = (orgId: string, id: string, version: number) => ({
  pk: orgPk(orgId),
  sk: `${CONTROL_EVENT_VERSION_PREFIX}${id}#${String(version).padStart(6, '0')}`,
});

/**
 * Holding links, the reverse of `shareholders[].organizationId`: in the holder's partition, one item per
 * organization it holds shares in. A change of a holder (e.g. an acquisition of the US fund behind a start-up)
 * re-evaluates the projects of every organization below it.
 */
export const HOLDINGS_PREFIX = 'HOLDS#';
export const holdingKey = (holderId: string, heldId: string) => ({ pk: orgPk(holderId), sk: `${HOLDINGS_PREFIX}${heldId}` });

/**
 * Agreements: one immutable item per generated version and one per signature, in the project partition (AGR#
 * sorts before LAWYER#, outside the project-header range; `AGR#V#` and `AGRSIG#` never prefix one another).
 */
export const AGREEMENT_PREFIX = 'AGR#V#';
const versionSk = (n: number) => String(n).padStart(6, '0');
export const agreementKey = (projectId: string, n: number) => ({ pk: projectPk(projectId), sk: `${AGREEMENT_PREFIX}${versionSk(n)}` });
export const signaturePrefix = (n: number) => `AGRSIG#${versionSk(n)}#`;
export const signatureKey = (projectId: string, n: number, orgId: string) => ({ pk: projectPk(projectId), sk: `${signaturePrefix(n)}${orgId}` });

/**
 * Compliance export jobs: own partition (GET /exports/{id} names only the job), listed per requester on gsi1,
 * newest first. Exports that name neither a project nor an organization are audited on the pôle-wide chain
 * `EXPORTS`.
 */
export const exportJobKey = (id: string) => ({ pk: `EXPORT#${id}`, sk: META_SK });
export const exportsOfRequesterGsiPk = (sub: string) => `EXPORTS#${sub}`;
export const exportJobGsi = (sub: string, createdAt: string, id: string) => ({ gsi1pk: exportsOfRequesterGsiPk(sub), gsi1sk: `${createdAt}#${id}` });
export const EXPORTS_CHAIN = 'EXPORTS';

/**
 * The dated index (gsi3): one partition per family of dated, append-mostly items, sorted by their instant, so
 * that an export of a period reads exactly that period with key-condition queries (never a Scan). One
 * partition per family is enough for a pôle: its writes stay far below a partition's 1,000 writes/s.
 */
export const DATED_FAMILIES = ['AUDIT', 'DECL', 'FLAG', 'CTRL'] as const;
export type DatedFamily = (typeof DATED_FAMILIES)[number];
export const datedGsiPk = (family: DatedFamily) => `DATED#${family}`;
export const datedGsi = (family: DatedFamily, at: string, ...ids: (string | number)[]) => ({
  gsi3pk: datedGsiPk(family),
  gsi3sk: [at, ...ids.map(String)].join('#'),
});
export const auditDatedGsi = (chain: string, at: string, seq: number) => datedGsi('AUDIT', at, chain, String(seq).padStart(10, '0'));
export const declarationDatedGsi = (projectId: string, orgId: string, savedAt: string, n: number) =>
  datedGsi('DECL', savedAt, projectId, orgId, String(n).padStart(6, '0'));
export const flagDatedGsi = (projectId: string, flagId: string, createdAt: string) => datedGsi('FLAG', createdAt, projectId, flagId);
export const controlEventDatedGsi = (orgId: string, recordedAt: string, id: string) => datedGsi('CTRL', recordedAt, orgId, id);

/** Marker of a data migration that has run (infra/local runs pending ones at start; `npm run migrate` elsewhere). */
export const migrationKey = (name: string) => ({ pk: `MIGRATION#${name}`, sk: META_SK });

// ---------------------------------------------------------------------------------------------------------
// Access patterns: every Query of the store, as data (shared/store/query.ts turns one into a KeyConditionExpression).

/** A condition on the sort key of the table or of an index. */
export type SortKeyCondition = { beginsWith: string } | { between: readonly [string, string] } | { atMost: string } | { after: string };

/** One Query: a partition of the table (`pk`) or of a GSI (`gsi1pk`/`gsi2pk`), optionally narrowed on the sort key. */
export interface KeyQuery {
  index?: 'gsi1' | 'gsi2' | 'gsi3';
  pk: string;
  sk?: SortKeyCondition;
}

export const queries = {
  /** A project's META, MEMBER# and LAWYER# items (one Query; see the note at the top). */
  projectHeader: (projectId: string): KeyQuery => ({ pk: projectPk(projectId), sk: { between: [PROJECT_HEADER_RANGE.from, PROJECT_HEADER_RANGE.to] } }),
  /** All projects, by last change. */
  projects: (): KeyQuery => ({ index: 'gsi1', pk: PROJECTS_GSI_PK }),
  /** The project references (membership or lawyer items) in a gsi1 partition: `projectsOfOrgGsiPk`, `projectsOfLawyerGsiPk`. */
  projectRefs: (gsi1pk: string): KeyQuery => ({ index: 'gsi1', pk: gsi1pk, sk: { beginsWith: PROJECT_REF_PREFIX } }),
  /** The stage markers of the projects at one stage (or `rejected`), most recently changed first when read descending. */
  projectsAtStage: (phase: string): KeyQuery => ({ index: 'gsi2', pk: stageGsiPk(phase) }),
  /** All organizations, by name. */
  organizations: (): KeyQuery => ({ index: 'gsi1', pk: ORGS_GSI_PK }),
  holdings: (holderId: string): KeyQuery => ({ pk: orgPk(holderId), sk: { beginsWith: HOLDINGS_PREFIX } }),
  controlEvents: (orgId: string): KeyQuery => ({ pk: orgPk(orgId), sk: { beginsWith: CONTROL_EVENT_PREFIX } }),
  controlEventVersions: (orgId: string, id: string): KeyQuery => ({ pk: orgPk(orgId), sk: { beginsWith: `${CONTROL_EVENT_VERSION_PREFIX}${id}#` } }),
  auditEvents: (chain: string): KeyQuery => ({ pk: auditPk(chain), sk: { beginsWith: AUDIT_EVENT_PREFIX } }),
  /** Events `from`…`to` of a chain (both inclusive). */
  auditEventRange: (chain: string, from: number, to: number): KeyQuery => ({
    pk: auditPk(chain),
    sk: { between: [auditEventKey(chain, from).sk, auditEventKey(chain, to).sk] },
  }),
  /** Written checkpoints `from`…`to` of a chain (both inclusive). */
  auditCheckpointRange: (chain: string, from: number, to: number): KeyQuery => ({
    pk: auditPk(chain),
    sk: { between: [auditCheckpointKey(chain, from).sk, auditCheckpointKey(chain, to).sk] },
  }),
  /** A chain's verified checkpoints (read descending, limit 1: the last one). */
  auditVerifiedCheckpoints: (chain: string): KeyQuery => ({ pk: auditPk(chain), sk: { beginsWith: AUDIT_VERIFIED_CHECKPOINT_PREFIX } }),
  documentsOfProject: (projectId: string): KeyQuery => ({ index: 'gsi1', pk: documentsOfProjectGsiPk(projectId) }),
  declarationHeads: (projectId: string): KeyQuery => ({ pk: projectPk(projectId), sk: { beginsWith: DECLARATION_HEAD_PREFIX } }),
  declarationVersions: (projectId: string, orgId: string): KeyQuery => ({ pk: projectPk(projectId), sk: { beginsWith: declarationVersionPrefix(orgId) } }),
  /** One role of the staff directory, by email. */
  staff: (role: string): KeyQuery => ({ index: 'gsi1', pk: staffGsiPk(role) }),
  /** The directory as written before `shard-keys-v1` (empty once it has run), one role or all. */
  legacyStaff: (role?: string): KeyQuery => ({ index: 'gsi1', pk: LEGACY_STAFF_GSI_PK, ...(role ? { sk: { beginsWith: `${role}#` } } : {}) }),
  flags: (projectId: string): KeyQuery => ({ pk: projectPk(projectId), sk: { beginsWith: FLAG_PREFIX } }),
  publications: (projectId: string): KeyQuery => ({ pk: projectPk(projectId), sk: { beginsWith: PUBLICATION_PREFIX } }),
  controlReviews: (projectId: string): KeyQuery => ({ pk: projectPk(projectId), sk: { beginsWith: CONTROL_REVIEW_PREFIX } }),
  openFlags: (severity: string): KeyQuery => ({ index: 'gsi1', pk: OPEN_FLAGS_GSI_PK, sk: { beginsWith: openFlagSeverityPrefix(severity) } }),
  /** A task partition by due date; with `after`, only the steps after that sort key (the previous page's last). */
  tasks: (assigneeKey: string, after?: string): KeyQuery => ({ index: 'gsi1', pk: tasksGsiPk(assigneeKey), ...(after ? { sk: { after } } : {}) }),
  /** A project's agreement versions; with `from`, only version `from` and later. */
  agreements: (projectId: string, from?: number): KeyQuery => ({
    pk: projectPk(projectId),
    sk: from === undefined ? { beginsWith: AGREEMENT_PREFIX } : { between: [agreementKey(projectId, from).sk, `${AGREEMENT_PREFIX}999999`] },
  }),
  signatures: (projectId: string, n: number): KeyQuery => ({ pk: projectPk(projectId), sk: { beginsWith: signaturePrefix(n) } }),
  /** The export jobs a person requested, by creation time. */
  exportJobsOf: (sub: string): KeyQuery => ({ index: 'gsi1', pk: exportsOfRequesterGsiPk(sub) }),
  /**
   * A family's items of the dated index between two days (YYYY-MM-DD, both inclusive; open ends allowed): the
   * sort key starts with the ISO instant, and '\uffff' sorts after any character of the rest of the key.
   */
  dated: (family: DatedFamily, from?: string, to?: string): KeyQuery => ({
    index: 'gsi3',
    pk: datedGsiPk(family),
    sk: { between: [from ?? '0', `${to ?? '9999-12-31'}\uffff`] },
  }),
  /**
   * Open steps due on or before `lastDate` (YYYY-MM-DD), on the sparse due-date index: one query per shard, and
   * the key written before `shard-keys-v1` (empty once it has run).
   */
  dueSteps: (lastDate: string): KeyQuery[] => [...DUE_GSI_PKS, LEGACY_DUE_GSI_PK].map((pk) => ({ index: 'gsi2', pk, sk: { atMost: `${lastDate}#\uffff` } })),
} as const;
