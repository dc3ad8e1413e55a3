/**
 * The SES identity Vigie sends from: the domain of `mailFrom` (context), with Easy DKIM (2048-bit keys that SES
 * rotates itself), and optionally a configuration set of the stack (context `sesConfigurationSet`: its name) made
 * the identity's default, so every message counts in its reputation metrics and hard bounces and complaints feed
 * the account's suppression list. The functions that send mail get `ses:SendEmail` on this identity (and on the
 * configuration set when there is one) and on nothing else (infra/aws/vigie-function.ts, `sendMail`).
 *
 * The identity is verified once its three DKIM CNAME records are in the domain's DNS (stack outputs
 * `MailDkimRecord1..3`); docs/aws.md ("Email: verifying the domain, leaving the sandbox") gives the steps.
 */
import { CfnOutput, Stack } from 'aws-cdk-lib';
import { ConfigurationSet, DkimIdentity, EasyDkimSigningKeyLength, EmailIdentity, Identity, SuppressionReasons } from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';

export interface VigieMailIdentityProps {
  /** The sender address (`MAIL_FROM`); the identity is its domain. */
  mailFrom: string;
  /** Name of a configuration set to create and make the identity's default; none: no configuration set. */
  configurationSetName?: string;
}

/** SES configuration set names: letters, digits, `_` and `-`, at most 64 characters. */
export function assertConfigurationSetName(value: string): string {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(value)) {
    throw new Error(`sesConfigurationSet must be 1 to 64 letters, digits, _ or - (got ${JSON.stringify(value)})`);
  }
  return value;
}

/** The domain part of an address (`vigie@pole.example` → `pole.example`). */
export const mailDomainOf = (mailFrom: string) => mailFrom.slice(mailFrom.lastIndexOf('@') + 1).toLowerCase();

export class VigieMailIdentity extends Construct {
  readonly identity: EmailIdentity;
  readonly configurationSet?: ConfigurationSet;
  /** The domain identity's name (`pole.example`). */
  readonly domain: string;
  /** What `ses:SendEmail` is granted on: the identity, and the configuration set if any. */
  readonly sendEmailResources: string[];

  constructor(scope: Construct, id: string, props: VigieMailIdentityProps) {
    super(scope, id);
    this.domain = mailDomainOf(props.mailFrom);
    if (props.configurationSetName !== undefined) {
      this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
        configurationSetName: assertConfigurationSetName(props.configurationSetName),
        reputationMetrics: true,
        sendingEnabled: true,
        suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      });
    }
    this.identity = new EmailIdentity(this, 'Identity', {
      identity: Identity.domain(this.domain),
      dkimSigning: true,
      dkimIdentity: DkimIdentity.easyDkim(EasyDkimSigningKeyLength.RSA_2048_BIT),
      configurationSet: this.configurationSet,
    });
    const stack = Stack.of(this);
    this.sendEmailResources = [
      this.identity.emailIdentityArn,
      ...(this.configurationSet
        ? [stack.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: this.configurationSet.configurationSetName })]
        : []),
    ];

    new CfnOutput(stack, 'MailIdentity', { value: this.domain, description: 'SES domain identity (verified once the three DKIM CNAMEs are in its DNS)' });
    this.identity.dkimRecords.forEach((r, i) => {
      new CfnOutput(stack, `MailDkimRecord${i + 1}`, {
        value: `${r.name} CNAME ${r.value}`,
        description: `DKIM record ${i + 1} of 3 to add to the DNS of ${this.domain}`,
      });
    });
  }
}
