/**
 * The JSON envelope SNS POSTs to an HTTP(S) subscription. Lambda's copy of the same envelope spells the URL keys
 * `SigningCertUrl` / `UnsubscribeUrl` (aws-sdk-ruby verifies both spellings), so both are read.
 */
import { MalformedPayloadError } from '../../upstream/parse/errors';
import { asObject, optionalString, requireString, type JsonObject } from '../../upstream/parse/json';

export const SNS_MESSAGE_TYPES = ['Notification', 'SubscriptionConfirmation', 'UnsubscribeConfirmation'] as const;
export type SnsMessageType = (typeof SNS_MESSAGE_TYPES)[number];

export interface SnsMessage {
  Type: SnsMessageType;
  MessageId: string;
  TopicArn: string;
  Subject?: string;
  Message: string;
  Timestamp: string;
  SignatureVersion: string;
  Signature: string;
  SigningCertURL: string;
  /** Confirmation messages only. */
  Token?: string;
  SubscribeURL?: string;
}

export function parseSnsMessage(body: unknown): SnsMessage {
  const obj = asObject(body, 'body');
  const type = requireString(obj, 'Type', '');
  if (!SNS_MESSAGE_TYPES.includes(type as SnsMessageType)) {
    throw new MalformedPayloadError('Type', `unknown SNS message type ${JSON.stringify(type.slice(0, 40))}`);
  }
  const message: SnsMessage = {
    Type: type as SnsMessageType,
    MessageId: requireString(obj, 'MessageId', ''),
    TopicArn: requireString(obj, 'TopicArn', ''),
    Subject: optionalString(obj, 'Subject', ''),
    // An empty message is legal in SNS and is still signed, so only the type is checked here.
    Message: stringField(obj, 'Message'),
    Timestamp: requireString(obj, 'Timestamp', ''),
    SignatureVersion: requireString(obj, 'SignatureVersion', ''),
    Signature: requireString(obj, 'Signature', ''),
    SigningCertURL: eitherSpelling(obj, 'SigningCertURL', 'SigningCertUrl'),
  };
  if (message.Type !== 'Notification') {
    message.Token = requireString(obj, 'Token', '');
    message.SubscribeURL = eitherSpelling(obj, 'SubscribeURL', 'SubscribeUrl');
  }
  return message;
}

function stringField(obj: JsonObject, key: string): string {
  const value = obj[key];
  if (typeof value !== 'string') {
    throw new MalformedPayloadError(key, 'must be a string');
  }
  return value;
}

function eitherSpelling(obj: JsonObject, key: string, lambdaKey: string): string {
  return optionalString(obj, key, '') ?? requireString(obj, lambdaKey, '');
}
