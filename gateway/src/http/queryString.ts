/**
 * One query-string shape for every route: each parameter is a single string. A repeated parameter
 * (`?service=a&service=b`) means the same as the comma list the routes already take (`?service=a,b`), so list filters
 * accept repeats and single-valued ones (`limit`, `from`) fail their own validation with a 400, never a crash on an
 * array. The object has no prototype, so `?__proto__=x` or `?constructor=x` are plain keys.
 */
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';

export type QueryParams = Record<string, string>;

export function parseQueryString(raw: string): QueryParams {
  const params: QueryParams = Object.create(null);
  // URLSearchParams never throws: a malformed %-escape stays literal text, which validation then refuses.
  for (const [key, value] of new URLSearchParams(raw)) {
    params[key] = key in params ? `${params[key]},${value}` : value;
  }
  return params;
}

// C0 controls and DEL: no name, id or filter of ours contains one, and NUL is refused by Postgres text columns.
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/** preValidation hook: a path or query parameter with a control character is a 400 naming it, before any handler. */
export function registerParameterHygiene(app: FastifyInstance): void {
  app.addHook('preValidation', async (request: FastifyRequest, reply: FastifyReply) => {
    for (const [kind, values] of [
      ['path parameter', request.params],
      ['query parameter', request.query],
    ] as const) {
      for (const [name, value] of Object.entries((values ?? {}) as Record<string, unknown>)) {
        if (CONTROL_CHARACTER.test(name) || (typeof value === 'string' && CONTROL_CHARACTER.test(value))) {
          return reply.code(400).send({ error: `${kind} "${printable(name)}" contains a control character` });
        }
      }
    }
  });
}

function printable(name: string): string {
  return name.replace(/[\u0000-\u001f\u007f]/g, '?').slice(0, 64);
}
