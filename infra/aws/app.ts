/** The CDK app (cdk.json: `npx tsx infra/aws/app.ts`). Context: webOrigin, mailFrom, stackName, agreementRetentionYears. */
import { buildVigieApp } from './build-app';

buildVigieApp().app.synth();
