/** The CDK app (cdk.json: `npx tsx infra/aws/app.ts`). Context: mailFrom, sesConfigurationSet, cognitoEmailViaSes, stackName, agreementsLockMode, agreementsRetentionYears, alarmEmail, webDomain + webCertificateArn, webAclArn, authDomainPrefix (docs/aws.md). */
import { buildVigieApp } from './build-app';

buildVigieApp().app.synth();
