// The AWS SDK warns that its 2027 releases need Node 22; our Lambdas run Node 22+, machines may run 20.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// Workers inherit the emulator endpoints from global setup through process.env.
if (!process.env.AWS_ENDPOINT_URL_DYNAMODB) {
  throw new Error('Integration tests need the emulators: run them through jest (global setup starts them).');
}
