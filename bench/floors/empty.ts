/** Floor of floors (bench/bundles.bench.ts): an ESM module with the bundle banner and a trivial handler, no dependency. */
export const handler = async () => ({ statusCode: 200, body: 'ok' });
