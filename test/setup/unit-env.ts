// Unit tests never talk to AWS: quiet logs, no endpoints.
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
process.env.AWS_REGION ??= 'eu-west-3';
