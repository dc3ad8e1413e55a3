// The AWS SDK warns that its 2027 releases need Node 22; our Lambdas run Node 22+, machines may run 20.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// Workers inherit the emulator endpoints from global setup through process.env.
if (!process.env.AWS_ENDPOINT_URL_DYNAMODB) {
  throw new Error('Integration tests need the emulators: run them through jest (global setup starts them).');
}
// The local server's throttling (infra/local/rate-limit.ts) is off: tests fire requests faster than a user;
// test/integration/http-contract.test.ts switches it on for its own server.
process.env.VIGIE_RATE_LIMIT ??= 'off';
