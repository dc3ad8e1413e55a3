import { httpHandler, type RouteHandler } from '../http/http-handler';
import { pathParam } from '../http/params';
import { actorOf } from '../../shared/domain/audit';
import { agreementVersionSchema } from '../../shared/domain/agreement-records';
import { DOWNLOAD_URL_TTL_SECONDS } from '../../shared/domain/documents';
import { NotFoundError } from '../../shared/domain/errors';
import { msg } from '../../shared/domain/i18n/catalog';
import { loadReadableProject } from '../../shared/services/load-project';
import { statusOf } from '../../shared/services/agreements';
import { auditDownloadLinks, getAgreement as load, listSignatures } from '../../shared/store/agreements';
import { config } from '../../shared/store/config';
import { presignDownload } from '../../shared/store/objects';
import { getWorkflow } from '../../shared/store/workflow';
import * as api from '../../shared/api/routes/agreements';

/**
 * One version: its hashes, the signatures recorded on it and presigned GETs (5 minutes) of the PDF and of the
 * content model. Every link handed out is audited first (who, which version, until when).
 */
export const getAgreement: RouteHandler<typeof api.getAgreement> = async (req) => {
  const { project } = await loadReadableProject(req);
  const n = pathParam(req, 'n', agreementVersionSchema);
  const record = await load(project.id, n);
  if (!record) throw new NotFoundError(msg('agreement.notFound'));
  const [workflow, signatures] = await Promise.all([getWorkflow(project.id), listSignatures(project.id, n)]);
  const status = await statusOf(record, workflow?.state ?? null);
  const expiresAt = new Date(Date.now() + DOWNLOAD_URL_TTL_SECONDS * 1000).toISOString();
  await auditDownloadLinks(project.id, record, ['agreement.pdf', 'model.json'], expiresAt, actorOf(req.principal));
  const name = `${project.acronym}-accord-v${n}-${record.language}`;
  const [pdf, model] = await Promise.all([
    presignDownload(config.agreementsBucket, record.pdf.key, `${name}.pdf`, 'application/pdf', DOWNLOAD_URL_TTL_SECONDS),
    presignDownload(config.agreementsBucket, record.model.key, `${name}.json`, 'application/json', DOWNLOAD_URL_TTL_SECONDS),
  ]);
  return {
    status: 200,
    body: { agreement: { ...record, status }, signatures, download: { pdf: { url: pdf, expiresAt }, model: { url: model, expiresAt } } },
    headers: { 'cache-control': 'no-store' },
  };
};

export const handler = httpHandler(api.getAgreement, getAgreement);
