import type { ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { s3 } from '../../shared/store/clients';
import { getObjectBytes, headObject, listFolders, putObjectOnce } from '../../shared/store/objects';

/**
 * The S3 helpers of the agreements bucket against a scripted client: the answers s3rver never gives (a conditional
 * write refused by S3, a listing on several pages) and the errors that must not be mistaken for "absent".
 */
const client = s3();
const s3Error = (name: string, status: number) => Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });
let answer: (cmd: unknown) => unknown;
beforeEach(() => {
  jest.spyOn(client, 'send').mockImplementation((async (cmd: unknown) => answer(cmd)) as never);
});
afterEach(() => jest.restoreAllMocks());

const file = {
  bucket: 'b',
  key: 'projects/p/agreements/v1/agreement.pdf',
  body: new Uint8Array([37, 80, 68, 70]),
  contentType: 'application/pdf',
  metadata: { sha256: 'x' },
};

test('a free key is written once, with If-None-Match: * and Content-MD5 (required by Object Lock)', async () => {
  const puts: PutObjectCommand[] = [];
  answer = (cmd) => {
    if (cmd instanceof HeadObjectCommand) throw s3Error('NotFound', 404);
    puts.push(cmd as PutObjectCommand);
    return {};
  };
  expect(await putObjectOnce(file)).toEqual({ created: true });
  expect(puts[0]!.input).toMatchObject({ IfNoneMatch: '*', ContentMD5: 'v6SxCnYySxZs/a1eAqY3MA==' /* MD5 of %PDF */, Metadata: { sha256: 'x' } });
});

test('a key taken between the check and the write (S3 answers 412 or 409) is reported as existing, with its metadata', async () => {
  for (const refusal of [s3Error('PreconditionFailed', 412), s3Error('ConditionalRequestConflict', 409)]) {
    let heads = 0;
    answer = (cmd) => {
      if (cmd instanceof HeadObjectCommand) {
        if (heads++ === 0) throw s3Error('NotFound', 404);
        return { Metadata: { sha256: 'other' } };
      }
      throw refusal;
    };
    expect(await putObjectOnce(file)).toEqual({ created: false, metadata: { sha256: 'other' } });
  }
});

test('other errors are not mistaken for "absent" or "taken"', async () => {
  answer = (cmd) => {
    if (cmd instanceof HeadObjectCommand) throw s3Error('NotFound', 404);
    throw s3Error('InternalError', 500);
  };
  await expect(putObjectOnce(file)).rejects.toThrow('InternalError');
  answer = () => {
    throw s3Error('AccessDenied', 403);
  };
  await expect(headObject('b', 'k')).rejects.toThrow('AccessDenied');
  await expect(getObjectBytes('b', 'k')).rejects.toThrow('AccessDenied');
  answer = () => {
    throw s3Error('NoSuchKey', 404);
  };
  expect(await getObjectBytes('b', 'k')).toBeNull();
  answer = () => ({});
  expect(await headObject('b', 'k')).toEqual({ metadata: {} });
});

test('whole objects are read as bytes', async () => {
  answer = (cmd) => {
    expect(cmd).toBeInstanceOf(GetObjectCommand);
    return { Body: { transformToByteArray: async () => new Uint8Array([1, 2]) } };
  };
  expect(await getObjectBytes('b', 'k')).toEqual(new Uint8Array([1, 2]));
});

test('folders are listed over every page of the listing', async () => {
  const tokens: (string | undefined)[] = [];
  answer = (cmd) => {
    const input = (cmd as ListObjectsV2Command).input;
    tokens.push(input.ContinuationToken);
    expect(input).toMatchObject({ Prefix: 'projects/p/agreements/', Delimiter: '/' });
    return input.ContinuationToken
      ? { CommonPrefixes: [{ Prefix: 'projects/p/agreements/v3/' }], IsTruncated: false }
      : {
          CommonPrefixes: [{ Prefix: 'projects/p/agreements/v1/' }, {}, { Prefix: 'projects/p/agreements/v2/' }],
          IsTruncated: true,
          NextContinuationToken: 't1',
        };
  };
  expect(await listFolders('b', 'projects/p/agreements/')).toEqual(['projects/p/agreements/v1/', 'projects/p/agreements/v2/', 'projects/p/agreements/v3/']);
  expect(tokens).toEqual([undefined, 't1']);
  answer = () => ({});
  expect(await listFolders('b', 'x/')).toEqual([]);
});
