import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ddb } from './clients';
import { config } from './config';
import { EXPORTS_CHAIN, exportJobGsi, exportJobKey, orgChain, projectChain, queries, stripKeys } from './keys';
import { lockedPut } from './locking';
import { queryPage, type Page } from './query';
import { writeWithAudit } from './tx';
import type { ExportJob, ExportRequest } from '../domain/exports/request';

/**
 * Compliance export jobs in the table (docs/exports.md, "Jobs and routes"): one item per job, written under
 * optimistic locking (`version`), listed per requester (gsi1, newest first). The request is audited
 * (`export.requested`) in the same transaction as the job's creation.
 */

/** The audit chain of an export: its project's, else its organization's, else the pôle-wide `EXPORTS` chain. */
export const chainOfExport = (request: Pick<ExportRequest, 'projectId' | 'organizationId'>): string =>
  request.projectId ? projectChain(request.projectId) : request.organizationId ? orgChain(request.organizationId) : EXPORTS_CHAIN;

const itemOf = (job: ExportJob) => ({ ...exportJobKey(job.id), ...exportJobGsi(job.requestedBy.sub, job.createdAt, job.id), entity: 'export-job', ...job });

/** Creates a queued job and its `export.requested` audit event, in one transaction. */
export async function putExportJob(job: ExportJob): Promise<void> {
  await writeWithAudit(
    [lockedPut(itemOf(job), { entity: 'export job', expect: 'absent' })],
    [
      {
        chain: chainOfExport(job.request),
        actor: job.requestedBy,
        action: 'export.requested',
        target: { type: 'export', id: job.id },
        after: { request: job.request },
      },
    ],
  );
}

/**
 * Replaces the job by `next` (a transition of shared/domain/exports/request.ts) if it is still at
 * `next.version - 1` (412 otherwise). The end of a job is audited in the same transaction: `export.completed`
 * with the file's SHA-256, size and rows, or `export.failed` with its code.
 */
export async function saveExportJob(next: ExportJob): Promise<void> {
  const ended = next.status === 'done' || next.status === 'failed';
  await writeWithAudit(
    [lockedPut(itemOf(next), { entity: 'export job', expect: next.version - 1 })],
    ended
      ? [
          {
            chain: chainOfExport(next.request),
            actor: next.requestedBy,
            action: next.status === 'done' ? 'export.completed' : 'export.failed',
            target: { type: 'export', id: next.id },
            after: next.status === 'done' ? { request: next.request, file: next.result } : { request: next.request, failure: next.failure?.code },
          },
        ]
      : [],
  );
}

export async function getExportJob(id: string): Promise<ExportJob | null> {
  const { Item } = await ddb().send(new GetCommand({ TableName: config.tableName, Key: exportJobKey(id), ConsistentRead: true }));
  return Item ? stripKeys<ExportJob>(Item) : null;
}

/** A page of the jobs `sub` requested, newest first. */
export async function listExportJobsOf(sub: string, limit: number, cursor?: string): Promise<Page<ExportJob>> {
  return queryPage<ExportJob>(queries.exportJobsOf(sub), { limit, cursor }, { descending: true });
}
