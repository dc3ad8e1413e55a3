import { createHash } from 'node:crypto';
import { declaredType, fieldErrors, formatBytes, problemSummary, s3ErrorText, sha256Hex, shortHash } from '../../web/src/pages/project/file-facts';

/** The pure helpers of the documents and agreements sections (web/src/pages/project/file-facts.ts). */
describe('web documents helpers', () => {
  it('hashes bytes with Web Crypto exactly as node:crypto does (what the API records)', async () => {
    const bytes = new TextEncoder().encode('%PDF-1.4 Vigie\n');
    expect(await sha256Hex(bytes.buffer)).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(await sha256Hex(new ArrayBuffer(0))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('shortens a hash to its first and last 8 digits, and leaves short strings alone', () => {
    const h = 'd817ead3a0cb5a9a0aad0fa7bfeec7bf57d4b375ef16a0addd1a78b967e04611';
    expect(shortHash(h)).toBe('d817ead3…67e04611');
    expect(shortHash('abc')).toBe('abc');
    expect(shortHash('0123456789abcdef0')).toBe('0123456789abcdef0');
  });

  it('formats sizes in the UI language', () => {
    expect(formatBytes(602, 'fr')).toBe('602\u00a0o');
    expect(formatBytes(602, 'en')).toBe('602\u00a0B');
    expect(formatBytes(63_488, 'fr')).toBe('62\u00a0Ko');
    expect(formatBytes(63_488, 'en')).toBe('62\u00a0KB');
    expect(formatBytes(25 * 1024 * 1024, 'fr')).toBe('25\u00a0Mo');
    expect(formatBytes(300 * 1024, 'en')).toBe('300\u00a0KB');
    expect(formatBytes(12_700, 'fr')).toBe('12,4\u00a0Ko');
  });

  it('declares the browser’s type, or one the API refuses with its list of types', () => {
    expect(declaredType({ type: 'application/pdf' })).toBe('application/pdf');
    expect(declaredType({ type: '' })).toBe('application/octet-stream');
  });

  it('reads a problem: field errors by path (first one wins), and a summary', () => {
    const problem = {
      title: 'Requête invalide',
      detail: 'Requête invalide (corps de la requête) : 2 erreur(s).',
      errors: [
        { path: 'contentType', message: 'Types acceptés : PDF, DOCX, ODT, PNG, JPEG, TXT' },
        { path: 'contentType', message: 'second' },
        { path: 'size', message: '25 Mo au plus' },
      ],
    };
    expect(fieldErrors(problem)).toEqual({ contentType: 'Types acceptés : PDF, DOCX, ODT, PNG, JPEG, TXT', size: '25 Mo au plus' });
    expect(fieldErrors(undefined)).toEqual({});
    expect(problemSummary(problem)).toBe('Types acceptés : PDF, DOCX, ODT, PNG, JPEG, TXT second 25 Mo au plus');
    expect(problemSummary({ title: 'Conflit', detail: 'L’accord est signé.' })).toBe('Conflit — L’accord est signé.');
    expect(problemSummary({ title: 'Conflit', detail: 'Conflit' })).toBe('Conflit');
  });

  it('reads S3’s XML errors', () => {
    expect(
      s3ErrorText('<?xml version="1.0"?><Error><Code>EntityTooLarge</Code><Message>Your proposed upload exceeds the maximum allowed size</Message></Error>'),
    ).toBe('EntityTooLarge — Your proposed upload exceeds the maximum allowed size');
    expect(s3ErrorText('Bad gateway')).toBeNull();
  });
});
