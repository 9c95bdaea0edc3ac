/** The whole app, as `cdk synth` makes it: offline, every stack, and nothing CloudFormation Validate objects to. */
import fs from 'node:fs';
import path from 'node:path';
import { STACK_NAMES } from '../lib/naming';
import { BASE_CONTEXT, buildApp } from './support';

describe('cdk synth', () => {
  it('synthesises every stack with no AWS credentials, Docker or network, and CloudFormation Validate finds nothing', () => {
    const saved = process.env.CDK_VALIDATION;
    delete process.env.CDK_VALIDATION;
    const started = Date.now();
    try {
      const { app } = buildApp(BASE_CONTEXT);
      const assembly = app.synth();
      expect(assembly.stacks.map((s) => s.stackName).sort()).toEqual(
        [
          STACK_NAMES.gateway,
          STACK_NAMES.dashboards,
          ...[
            '111111111111-eu-west-1',
            '222222222222-us-east-1',
            '333333333333-eu-west-1',
            '333333333333-us-east-1',
          ].flatMap((env) => [`Opsdeck-AlertRouting-${env}`, `Opsdeck-AwsEvents-${env}`]),
          'Opsdeck-CrossAccountRead-222222222222',
          'Opsdeck-CrossAccountRead-333333333333',
        ].sort()
      );
      // No context lookup was needed: nothing is missing that the CLI would have to ask AWS for.
      expect(assembly.manifest.missing ?? []).toEqual([]);
      const report = JSON.parse(fs.readFileSync(path.join(assembly.directory, 'validation-report.json'), 'utf8'));
      expect(report.pluginReports.flatMap((r: { violations: unknown[] }) => r.violations)).toEqual([]);
      const warnings = assembly.stacks.flatMap((s) => s.messages.filter((m) => m.level !== 'info'));
      expect(warnings.map((m) => `${m.id}: ${String(m.entry.data)}`)).toEqual([]);
    } finally {
      process.env.CDK_VALIDATION = saved;
    }
    // Measured at 6 to 10 s on a shared two-core machine, most of it loading aws-cdk-lib and the validator.
    expect(Date.now() - started).toBeLessThan(45_000);
  });
});
