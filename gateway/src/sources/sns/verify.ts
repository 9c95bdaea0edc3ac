/**
 * Everything that makes an SNS delivery trustworthy, cheapest check first: shape, topic allowlist (before any
 * certificate I/O, so strangers cannot make us fetch), certificate origin, then the RSA signature.
 */
import { WebhookAuthError } from '../../upstream/parse/errors';
import type { CertificateProvider } from './certificates';
import { parseSnsMessage, type SnsMessage } from './message';
import { verifySnsSignature } from './signature';

export interface SnsVerificationDeps {
  allowedTopicArns: string[];
  certificates: CertificateProvider;
}

export async function verifySnsDelivery(body: unknown, deps: SnsVerificationDeps): Promise<SnsMessage> {
  const message = parseSnsMessage(body);
  if (!deps.allowedTopicArns.includes(message.TopicArn)) {
    throw new WebhookAuthError('SNS topic is not in OPSDECK_SNS_TOPIC_ARNS');
  }
  const certificate = await deps.certificates(message.SigningCertURL);
  if (!verifySnsSignature(message, certificate)) {
    throw new WebhookAuthError('SNS signature does not verify');
  }
  return message;
}
