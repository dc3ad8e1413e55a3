/**
 * Renders a fixture agreement in a fresh process and prints the PDF's SHA-256 (the determinism test compares it
 * with a rendering in the jest worker: another module instance, another font cache, another heap).
 * Usage: node --import tsx test/support/render-hash.ts small|large
 */
import { sha256Hex } from '../../shared/domain/audit';
import { renderAgreementPdf } from '../../shared/pdf/render-agreement';
import { agreementFixture, LARGE_AGREEMENT, SMALL_AGREEMENT } from './agreement-fixture';

const model = agreementFixture(process.argv[2] === 'large' ? LARGE_AGREEMENT : SMALL_AGREEMENT);
renderAgreementPdf(model).then(
  (pdf) => process.stdout.write(`${sha256Hex(pdf)}\n`),
  (e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  },
);
