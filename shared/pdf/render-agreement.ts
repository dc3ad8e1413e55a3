import type { AgreementModel } from '../domain/agreement/model';

/**
 * Renders the agreement PDF (pdf-lib + fontkit, DejaVu embedded as a subset). Deterministic: the same model gives
 * byte-identical output. Placeholder signature: the renderer lands with issue 10.
 */
export async function renderAgreementPdf(model: AgreementModel): Promise<Uint8Array> {
  void model;
  throw new Error('renderAgreementPdf: not implemented yet');
}
