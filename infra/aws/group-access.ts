/**
 * What each route group's Lambda (GROUP_ACCESS) and each scheduled job's Lambda (JOB_ACCESS) may touch,
 * and nothing more (least privilege, one role per function).
 * The Record type makes a new group in shared/api/routes.ts a compile error here until someone decides
 * what it needs; a job without an entry in JOB_ACCESS stops the synth (job names are plain strings).
 */
import { routeKey, type JobDef, type RouteDef, type WorkerDef } from '../../shared/api/routes';
import { auditPk, digestKey, exportJobKey, projectPk } from '../../shared/store/keys';
import type { BUCKETS } from '../../shared/store/table-def';

export type RouteGroup = RouteDef['group'];
export type BucketName = (typeof BUCKETS)[number];
/**
 * Object actions on a bucket: `get` = s3:GetObject (also HeadObject, presigned GET), `put` = s3:PutObject
 * (also the presigned POST, which S3 authorizes as the signing role), `delete` = s3:DeleteObject,
 * `list` = s3:ListBucket on the bucket itself, without which S3 answers 403 instead of 404 for a missing key,
 * `abort` = s3:AbortMultipartUpload (a multipart upload that fails cleans up its parts).
 */
export type ObjectAction = 'get' | 'put' | 'delete' | 'list' | 'abort';
/** Item writes of `table: 'readwrite'` (TransactWriteItems is authorized through these). */
export const TABLE_WRITE_ACTIONS = ['PutItem', 'UpdateItem', 'DeleteItem', 'ConditionCheckItem', 'BatchWriteItem'] as const;
export type TableWriteAction = (typeof TABLE_WRITE_ACTIONS)[number];

export interface GroupAccess {
  /** The single table: `read` = GetItem/BatchGetItem/Query (table and GSIs); `readwrite` adds item writes and transactions. */
  table?: 'read' | 'readwrite';
  /**
   * Narrows the item writes of `readwrite`: only these actions (default: all of TABLE_WRITE_ACTIONS) and,
   * with `partitionKeyPrefixes`, only on items whose partition key starts with one of them
   * (IAM condition `dynamodb:LeadingKeys`).
   */
  tableWrite?: { actions: readonly TableWriteAction[]; partitionKeyPrefixes?: readonly string[] };
  /** The Powertools idempotency table (needed by any group with an `idempotent` route). */
  idempotency?: boolean;
  /** Per bucket, the object actions the group needs. */
  buckets?: Partial<Record<BucketName, readonly ObjectAction[]>>;
  /** ses:SendEmail from the MAIL_FROM identity. */
  sendMail?: boolean;
}

/** Partition-key prefixes of project items (`PROJ#<id>`) and audit chains (`AUDIT#<chain>`), shared/store/keys.ts. */
export const PROJECT_PK_PREFIX = projectPk('');
export const AUDIT_PK_PREFIX = auditPk('');
/** Partition-key prefix of export jobs (`EXPORT#<id>`). */
export const EXPORT_PK_PREFIX = exportJobKey('').pk;

export const GROUP_ACCESS: Record<RouteGroup, GroupAccess> = {
  // GET /health, GET /openapi.json, GET /forms/{formId}: computed from code, no data at all.
  health: {},
  openapi: {},
  forms: {},
  organizations: { table: 'readwrite', idempotency: true, sendMail: true },
  projects: { table: 'readwrite', idempotency: true, sendMail: true },
  // Versions of large declarations are stored gzipped under declarations/ in the documents bucket (get, put);
  // submit reads the linked documents' records from the table.
  declarations: { table: 'readwrite', buckets: { documents: ['get', 'put'] }, sendMail: true },
  // Decisions send emails (approvals re-opened, changes requested); decisions are idempotent.
  workflow: { table: 'readwrite', idempotency: true, sendMail: true },
  // The only function that renders PDFs (pdf-lib, fontkit and the fonts are bundled into it alone). Writes agreement
  // versions, signatures, the workflow item and its step index (PROJ#…) and audit events (AUDIT#…) in transactions;
  // reads declarations too large for an item and the signed copies from the documents bucket (get); writes the PDFs,
  // models and signed copies write-once to the agreements bucket (get + put; head/list so that a missing key is a 404
  // and the next version number sees every version folder); workflow emails (notify-workflow); idempotent POSTs.
  agreements: {
    table: 'readwrite',
    tableWrite: { actions: ['PutItem', 'DeleteItem'], partitionKeyPrefixes: [PROJECT_PK_PREFIX, AUDIT_PK_PREFIX] },
    idempotency: true,
    buckets: { agreements: ['get', 'put', 'list'], documents: ['get'] },
    sendMail: true,
  },
  staff: { table: 'readwrite' },
  // Flags, control events and the re-evaluation fan-out; new serious flags are emailed to the legal staff.
  risk: { table: 'readwrite', sendMail: true },
  // Presigned POST upload to incoming/ (put), confirm = CopyObject incoming/ → documents/ (get + put) then HEAD +
  // streamed GET of the copy for the SHA-256 (get; list so that a missing object is a 404), delete of the
  // incoming upload and of a rejected copy, presigned GET download of the copy.
  documents: { table: 'readwrite', idempotency: true, buckets: { documents: ['get', 'put', 'delete', 'list'] } },
  // Audit routes list and verify the hash chains. They never write an event: a bounded verification records a
  // verified checkpoint (PutItem on AUDIT#…), starting a full verification writes its job (PutItem on AUDIT#…;
  // a job whose worker cannot be started is marked failed the same way) and reading one may mark it abandoned
  // (PutItem). Starting the worker (lambda:InvokeFunction on it) is granted by the stack from `workers[].startedBy`.
  audit: { table: 'readwrite', tableWrite: { actions: ['PutItem'], partitionKeyPrefixes: [AUDIT_PK_PREFIX] } },
  // Export jobs: creates a job with its `export.requested` audit event (PutItem in a transaction, on EXPORT#… and
  // AUDIT#…; a job whose worker cannot be started is marked failed the same way), reads jobs (GetItem, Query
  // gsi1), presigns the GET of a finished file (get). Starting the worker (lambda:InvokeFunction on it) is granted
  // by the stack from `workers[].startedBy`.
  exports: {
    table: 'readwrite',
    tableWrite: { actions: ['PutItem'], partitionKeyPrefixes: [EXPORT_PK_PREFIX, AUDIT_PK_PREFIX] },
    buckets: { exports: ['get'] },
  },
  // Local only (POST /dev/token), never deployed.
  dev: {},
};

/** Partition-key prefix of the reminder digest items (`DIGEST#<email>`, shared/store/keys.ts). */
export const DIGEST_PK_PREFIX = digestKey('', '').pk;

/** Per scheduled job (`jobs` in shared/api/routes.ts, by name): what its Lambda may touch. */
export const JOB_ACCESS: Record<string, GroupAccess> = {
  // Reads due steps (Query gsi2), staff (Query gsi1), organizations (BatchGetItem); claims and settles one
  // digest item per person and day (conditional PutItem, UpdateItem) and writes nothing else; sends the
  // digests through SES.
  reminders: { table: 'readwrite', tableWrite: { actions: ['PutItem', 'UpdateItem'], partitionKeyPrefixes: [DIGEST_PK_PREFIX] }, sendMail: true },
};

/** Per asynchronous worker (`workers` in shared/api/routes.ts, by name): what its Lambda may touch. */
export const WORKER_ACCESS: Record<WorkerDef['name'], GroupAccess> = {
  // Reads anything exportable (Query on the table and its indexes, GetItem, BatchGetItem), writes only its job
  // (progress, outcome) and the job's audit events (PutItem in a transaction, on EXPORT#… and AUDIT#…); reads
  // declarations kept in the documents bucket (get); writes the file to the exports bucket by multipart upload
  // (put; abort to clean up the parts of a failed one).
  export: {
    table: 'readwrite',
    tableWrite: { actions: ['PutItem'], partitionKeyPrefixes: [EXPORT_PK_PREFIX, AUDIT_PK_PREFIX] },
    buckets: { exports: ['put', 'abort'], documents: ['get'] },
  },
  // Reads one audit chain (Query, GetItem) and writes only in it (PutItem on AUDIT#…): its job's progress and
  // outcome, the verified checkpoints, the chain's last full verification.
  'audit-verification': {
    table: 'readwrite',
    tableWrite: { actions: ['PutItem'], partitionKeyPrefixes: [AUDIT_PK_PREFIX] },
  },
};

/** Throws when a group's access cannot serve its routes (checked at synth and in test/infra). */
export function assertAccessCoversRoutes(routes: readonly RouteDef[], access: Record<string, GroupAccess> = GROUP_ACCESS): void {
  const problems: string[] = [];
  for (const r of routes) {
    const a = access[r.group];
    if (!a) problems.push(`${routeKey(r)}: group "${r.group}" has no entry in GROUP_ACCESS`);
    else if (r.idempotent && !a.idempotency) problems.push(`${routeKey(r)} is idempotent but group "${r.group}" has no idempotency table access`);
  }
  if (problems.length) throw new Error(`infra/aws/group-access.ts:\n  ${problems.join('\n  ')}`);
}

/** Throws when a job has no entry in JOB_ACCESS, or a job name is declared twice (checked at synth and in test/infra). */
export function assertAccessCoversJobs(jobList: readonly JobDef[], access: Record<string, GroupAccess> = JOB_ACCESS): void {
  const problems: string[] = [];
  const names = jobList.map((j) => j.name);
  for (const [i, name] of names.entries()) {
    if (names.indexOf(name) !== i) problems.push(`job "${name}" is declared twice`);
    else if (!Object.hasOwn(access, name)) problems.push(`job "${name}" has no entry in JOB_ACCESS`);
  }
  if (problems.length) throw new Error(`infra/aws/group-access.ts:\n  ${problems.join('\n  ')}`);
}
