/** Amazon SNS: CloudWatch alarm notifications, signature-verified; subscriptions to the allowed topics confirmed. */
import type { Upstream } from '../../upstream/descriptor';
import { OpsdeckOnlyProvider } from '../../upstream/incidentActions';
import { parseJsonBody } from '../../upstream/parse/json';
import { createCertificateProvider } from './certificates';
import { parseSnsNotification } from './cloudwatchAlarm';
import { confirmSubscription } from './confirmSubscription';
import { verifySnsDelivery } from './verify';

export const sns: Upstream = {
  id: 'sns',
  webhook(config, seams) {
    const certificates = seams.snsCertificates ?? createCertificateProvider({ certsDir: config.snsCertsDir });
    return {
      // SNS signs fields inside the JSON, so the delivery is authenticated while it is parsed.
      authenticate: () => undefined,
      // MessageId is in the signed string of every message type (signature.ts) and SNS keeps it across its retries.
      async parse(raw, ctx) {
        const message = await verifySnsDelivery(parseJsonBody(raw), {
          allowedTopicArns: config.snsTopicArns,
          certificates,
        });
        if (message.Type === 'SubscriptionConfirmation') {
          await confirmSubscription(message, seams.confirmSnsSubscription);
          return { deliveryId: message.MessageId, confirmed: true };
        }
        if (message.Type === 'UnsubscribeConfirmation') {
          return { deliveryId: message.MessageId };
        }
        return { deliveryId: message.MessageId, batch: parseSnsNotification(message, ctx) };
      },
    };
  },
  actions: (_client, acks) => new OpsdeckOnlyProvider(acks, 'CloudWatch alarms change state only from their metrics'),
};
