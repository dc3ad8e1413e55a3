import { documentObjectKey, documentUploadKey, magicMismatch, MAX_DOCUMENT_BYTES, sanitizeFileName, uploadRejection } from '../../shared/domain/documents';
import { hasFrench, translateMessage } from '../../shared/domain/i18n/messages';

const b = (...parts: (string | number[])[]) =>
  new Uint8Array(Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p)))));

describe('magic bytes', () => {
  test('matching types pass', () => {
    expect(magicMismatch('application/pdf', b('%PDF-1.4\n'))).toBeNull();
    expect(magicMismatch('image/png', b([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBeNull();
    expect(magicMismatch('image/jpeg', b([0xff, 0xd8, 0xff, 0xe0]))).toBeNull();
    expect(magicMismatch('text/plain', new Uint8Array(Buffer.from('Procédé — v2\n', 'utf8')))).toBeNull();
    const odt = b([0x50, 0x4b, 0x03, 0x04], 'x'.repeat(26), 'mimetype', 'application/vnd.oasis.opendocument.text');
    expect(magicMismatch('application/vnd.oasis.opendocument.text', odt)).toBeNull();
    expect(
      magicMismatch('application/vnd.openxmlformats-officedocument.wordprocessingml.document', b([0x50, 0x4b, 0x03, 0x04], 'xx[Content_Types].xml')),
    ).toBeNull();
  });
  test('an EXE renamed .pdf, a PNG declared as JPEG, binary text, a zip that is not ODT are refused', () => {
    expect(magicMismatch('application/pdf', b('MZ\x90\x00'))).toMatch(/executable/);
    expect(magicMismatch('image/jpeg', b([0x89, 0x50, 0x4e, 0x47]))).not.toBeNull();
    expect(magicMismatch('text/plain', b('abc', [0], 'def'))).toMatch(/NUL/);
    expect(magicMismatch('text/plain', b([0xc3, 0x28]))).toMatch(/UTF-8/);
    expect(magicMismatch('application/vnd.oasis.opendocument.text', b([0x50, 0x4b, 0x03, 0x04], 'x'.repeat(40)))).not.toBeNull();
    expect(magicMismatch('application/pdf', b('<html>%PDF-'))).not.toBeNull();
  });
  test('a UTF-8 text cut in the middle of a character is still text', () => {
    const full = Buffer.from('é'.repeat(10));
    expect(magicMismatch('text/plain', new Uint8Array(full.subarray(0, 7)))).toBeNull();
  });
});

describe('file names', () => {
  test.each([
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\x\\Brevet.pdf', 'Brevet.pdf'],
    ['<script>.pdf', '_script_.pdf'],
    ['...', 'document'],
    ['a\u0000b.txt', 'a_b.txt'],
    ['Accord de consortium – version finale.pdf', 'Accord de consortium – version finale.pdf'],
  ])('%s → %s', (input, out) => expect(sanitizeFileName(input)).toBe(out));
  test('long names are cut to 200 characters', () => expect(sanitizeFileName('a'.repeat(500))).toHaveLength(200));
});

describe('uploadRejection', () => {
  const pdf = b('%PDF-1.7\n');
  test('size limits, the declared size, then magic bytes', () => {
    expect(uploadRejection('application/pdf', 9, { size: 9, head: pdf })).toBeNull();
    expect(uploadRejection('application/pdf', undefined, { size: 9, head: pdf })).toBeNull(); // records from before declaredSize
    expect(uploadRejection('application/pdf', 9, { size: 10, head: pdf })).toBe('The file has 10 bytes, not the 9 declared');
    expect(uploadRejection('application/pdf', 9, { size: 0, head: new Uint8Array() })).toBe('The file is empty');
    expect(uploadRejection('application/pdf', 9, { size: MAX_DOCUMENT_BYTES + 1, head: pdf })).toBe(`The file is larger than ${MAX_DOCUMENT_BYTES} bytes`);
    expect(uploadRejection('application/pdf', 2, { size: 2, head: b('MZ') })).toMatch(/executable/);
  });
  test('every reason reads in French too', () => {
    for (const r of ['The file has 10 bytes, not the 9 declared', 'The file is empty', `The file is larger than ${MAX_DOCUMENT_BYTES} bytes`]) {
      expect([r, hasFrench(r), hasFrench(`The file was refused and deleted: ${r}.`)]).toEqual([r, true, true]);
    }
    expect(translateMessage('The file was refused and deleted: The file has 10 bytes, not the 9 declared.', 'fr')).toBe(
      'Le fichier a été refusé et supprimé : Le fichier fait 10 octets, et non les 9 déclarés.',
    );
  });
  test('keys: the form writes under incoming/, the served copy lives under documents/', () => {
    expect(documentUploadKey('prj_1', 'doc_1')).toBe('incoming/prj_1/doc_1');
    expect(documentObjectKey('prj_1', 'doc_1', 'ab')).toBe('documents/prj_1/doc_1/ab');
  });
});
