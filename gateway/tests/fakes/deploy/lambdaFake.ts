/**
 * Fake Lambda: REST JSON, paths as declared in @aws-sdk/client-lambda's dist-cjs:
 * GET/PUT /2015-03-31/functions/{FunctionName}/aliases/{Name}, GET /2015-03-31/functions/{FunctionName}/versions.
 * Errors carry `x-amzn-errortype`. UpdateAlias honours RevisionId (412 on a stale one) and, like Lambda, leaves
 * RoutingConfig alone when the request omits it, so a rollback must clear it explicitly.
 */
import { randomUUID } from 'node:crypto';
import {
  DeployFakeServer,
  FakeServiceError,
  type DeployFakeRequest,
  type DeployFakeResponse,
} from './deployFakeServer';

export interface FakeLambdaVersion {
  Version: string;
  LastModified: string;
  Description?: string;
  CodeSha256: string;
}

export interface FakeLambdaAlias {
  Name: string;
  FunctionVersion: string;
  RoutingConfig?: { AdditionalVersionWeights: Record<string, number> };
  RevisionId: string;
  Description?: string;
}

interface FakeFunction {
  versions: FakeLambdaVersion[];
  aliases: Map<string, FakeLambdaAlias>;
}

const ALIAS_PATH = /^\/2015-03-31\/functions\/([^/]+)\/aliases\/([^/]+)$/;
const VERSIONS_PATH = /^\/2015-03-31\/functions\/([^/]+)\/versions$/;

/** Lambda's own timestamp spelling, e.g. 2024-05-01T10:00:00.000+0000. */
export function lambdaTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

export class LambdaFake extends DeployFakeServer {
  readonly functions = new Map<string, FakeFunction>();
  pageSize = 50;

  addFunction(name: string, versions: Array<{ version: string; lastModifiedMs: number; description?: string }>): void {
    this.functions.set(name, {
      versions: versions.map((v) => ({
        Version: v.version,
        LastModified: lambdaTimestamp(v.lastModifiedMs),
        Description: v.description,
        CodeSha256: `sha-${name}-${v.version}`,
      })),
      aliases: new Map(),
    });
  }

  setAlias(
    functionName: string,
    name: string,
    functionVersion: string,
    weights?: Record<string, number>
  ): FakeLambdaAlias {
    const alias: FakeLambdaAlias = {
      Name: name,
      FunctionVersion: functionVersion,
      RoutingConfig: weights ? { AdditionalVersionWeights: weights } : undefined,
      RevisionId: randomUUID(),
    };
    this.fn(functionName).aliases.set(name, alias);
    return alias;
  }

  alias(functionName: string, name: string): FakeLambdaAlias | undefined {
    return this.functions.get(functionName)?.aliases.get(name);
  }

  protected override get accessDeniedStatus(): number {
    return 403;
  }

  protected operationOf(request: Omit<DeployFakeRequest, 'operation'>): string {
    if (ALIAS_PATH.test(request.path)) return request.method === 'PUT' ? 'UpdateAlias' : 'GetAlias';
    if (VERSIONS_PATH.test(request.path) && request.method === 'GET') return 'ListVersionsByFunction';
    return `${request.method} ${request.path}`;
  }

  protected success(_operation: string, body: unknown): DeployFakeResponse {
    return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
  }

  protected error(status: number, type: string, message: string): DeployFakeResponse {
    return {
      status,
      headers: { 'content-type': 'application/json', 'x-amzn-errortype': type },
      body: JSON.stringify({ Type: 'User', message }),
    };
  }

  private fn(name: string): FakeFunction {
    const found = this.functions.get(name);
    if (!found)
      throw new FakeServiceError(
        404,
        'ResourceNotFoundException',
        `Function not found: arn:aws:lambda:us-east-1:123456789012:function:${name}`
      );
    return found;
  }

  private aliasOrThrow(functionName: string, name: string): FakeLambdaAlias {
    const alias = this.fn(functionName).aliases.get(name);
    if (!alias)
      throw new FakeServiceError(
        404,
        'ResourceNotFoundException',
        `Alias not found: arn:aws:lambda:us-east-1:123456789012:function:${functionName}:${name}`
      );
    return alias;
  }

  private wireAlias(functionName: string, alias: FakeLambdaAlias): Record<string, unknown> {
    return { ...alias, AliasArn: `arn:aws:lambda:us-east-1:123456789012:function:${functionName}:${alias.Name}` };
  }

  protected handle(request: DeployFakeRequest): unknown {
    switch (request.operation) {
      case 'GetAlias': {
        const [, fn, name] = ALIAS_PATH.exec(request.path)!.map(decodeURIComponent);
        return this.wireAlias(fn!, this.aliasOrThrow(fn!, name!));
      }
      case 'UpdateAlias': {
        const [, fn, name] = ALIAS_PATH.exec(request.path)!.map(decodeURIComponent);
        const alias = this.aliasOrThrow(fn!, name!);
        const input = JSON.parse(request.body || '{}') as Partial<FakeLambdaAlias>;
        if (input.RevisionId && input.RevisionId !== alias.RevisionId) {
          throw new FakeServiceError(
            412,
            'PreconditionFailedException',
            'The RevisionId provided does not match the latest RevisionId for the Lambda function or alias.'
          );
        }
        if (input.FunctionVersion !== undefined) {
          if (!this.fn(fn!).versions.some((v) => v.Version === input.FunctionVersion)) {
            throw new FakeServiceError(
              404,
              'ResourceNotFoundException',
              `Function version ${input.FunctionVersion} not found`
            );
          }
          alias.FunctionVersion = input.FunctionVersion;
        }
        if (input.RoutingConfig !== undefined) {
          const weights = input.RoutingConfig?.AdditionalVersionWeights ?? {};
          alias.RoutingConfig = Object.keys(weights).length > 0 ? { AdditionalVersionWeights: weights } : undefined;
        }
        if (input.Description !== undefined) alias.Description = input.Description;
        alias.RevisionId = randomUUID();
        return this.wireAlias(fn!, alias);
      }
      case 'ListVersionsByFunction': {
        const [, fn] = VERSIONS_PATH.exec(request.path)!.map(decodeURIComponent);
        const all = [
          { Version: '$LATEST', LastModified: lambdaTimestamp(0), CodeSha256: 'latest' },
          ...this.fn(fn!).versions,
        ];
        const size = Math.min(Number(request.query.get('MaxItems') ?? this.pageSize), this.pageSize);
        const start = Number(request.query.get('Marker') ?? 0);
        const page = all
          .slice(start, start + size)
          .map((v) => ({
            ...v,
            FunctionName: fn,
            FunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${fn}:${v.Version}`,
          }));
        return { Versions: page, NextMarker: start + size < all.length ? String(start + size) : undefined };
      }
      default:
        throw new FakeServiceError(
          404,
          'UnknownOperationException',
          `Lambda fake does not implement ${request.operation}`
        );
    }
  }
}
