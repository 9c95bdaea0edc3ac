#!/usr/bin/env node
/**
 * The CDK app: `npx aws-cdk@2 synth|deploy` from infra/ (cdk.json runs this file), settings from CDK context
 * (docs/aws-cdk.md). Synthesis needs no AWS credentials, no Docker and no network.
 */
import { App } from 'aws-cdk-lib';
import { buildOpsdeck } from '../lib/app';
import { buildAwsEventsCode } from '../lib/awsEventsCode';
import { configFromApp } from '../lib/config';

const app = new App();
buildOpsdeck(app, configFromApp(app), { awsEventsCodeDir: buildAwsEventsCode() });
app.synth();
