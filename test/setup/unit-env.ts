// The AWS SDK warns that its 2027 releases need Node 22; our Lambdas run Node 22+, machines may run 20.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// Unit tests never talk to AWS: quiet logs, no endpoints.
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
process.env.AWS_REGION ??= 'eu-west-3';
