/**
 * fast-check generators for requests an attacker or a broken client sends: encoded and folded paths, float edges,
 * huge ranges, repeated parameters, NUL and other control characters, over-long strings, wrong JSON shapes.
 * Built from the route inventory, so a new route gets the same treatment without a line here.
 */
import fc from 'fast-check';
import { QUERY_TYPES, SERVICE_METRICS } from '@opsdeck/contract';

const YEAR_MS = 365 * 86_400_000;
const NOW = Date.UTC(2026, 11, 3);

/** Numbers past every sane bound: float precision edges, int overflow, negative, fractional, far future. */
export const edgeNumber = fc.oneof(
  fc.constantFrom(
    0,
    -1,
    1.5,
    1e22,
    1.0000000000000002e22,
    1e300,
    -1e300,
    8.64e15,
    2 ** 31,
    2 ** 53 + 2,
    2 ** 63,
    2 ** 64,
    4_102_444_800_001,
    NOW,
    NOW - 10 * YEAR_MS,
    NOW + 200 * YEAR_MS,
    Number.MAX_SAFE_INTEGER,
    Number.MIN_VALUE
  ),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer({ min: NOW - 2 * YEAR_MS, max: NOW })
);

const controlText = fc.constantFrom('\u0000', 'a\u0000b', '\u0007\u001b[31m', '\r\nX-Injected: 1', '\u007f', '\ud800');

/** Strings that have broken parsers, databases and logs somewhere. */
export const edgeString = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '*',
    'checkout-api',
    'payments',
    'all',
    'NaN',
    'Infinity',
    '-0',
    '0x10',
    '1e22',
    '99999999999999999999',
    '9223372036854775808',
    '../../etc/passwd',
    '<script>alert(1)</script>',
    "' OR 1=1 --",
    '%00',
    '__proto__',
    'constructor',
    'zoë 🔥'
  ),
  controlText,
  fc.string({ maxLength: 40 }),
  fc.integer({ min: 1_000, max: 120_000 }).map((n) => 'x'.repeat(n))
);

const FIELD_NAMES = [
  'service',
  'services',
  'team',
  'region',
  'from',
  'to',
  'range',
  'limit',
  'status',
  'severity',
  'source',
  'metric',
  'groupBy',
  'state',
  'lastEventId',
  'types',
  'environment',
  'version',
  'commit',
  'commitTime',
  'time',
  'startedAt',
  'finishedAt',
  'url',
  'actor',
  'preview',
  'confirm',
  'reason',
  'alertIds',
  'text',
  'note',
  'minutes',
  'durationMinutes',
  'until',
  'startsAt',
  'endsAt',
  'scope',
  'recurrence',
  'weekly',
  'markdown',
  'queries',
  'refId',
  'queryType',
  'intervalMs',
  'maxDataPoints',
] as const;

const fieldName = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...FIELD_NAMES) },
  fc.constantFrom('__proto__', 'x')
);

const edgeValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    edgeNumber,
    edgeString,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fieldName, tie('value'), { maxKeys: 4 })
  ),
})).value;

/**
 * A time range as an attacker picks one: edges against edges, a narrow range far out where a step is below the
 * float's precision (1e22 + a few ms), or years wide.
 */
export const hostileRange = fc.oneof(
  fc.record({ from: edgeNumber, to: edgeNumber }),
  fc.tuple(edgeNumber, fc.integer({ min: 1, max: 10_000_000 })).map(([from, span]) => ({ from, to: from + span })),
  fc.integer({ min: 1, max: 15 * YEAR_MS }).map((span) => ({ from: NOW - span, to: NOW }))
);

/** A JSON object with the API's own field names holding edge values. */
export const hostileObject = fc.dictionary(fieldName, edgeValue, { maxKeys: 8 });

/** A POST /api/query body: mostly the right shape, so the edges reach the handlers instead of the envelope check. */
export const hostileQueryBody = fc.record(
  {
    range: fc.oneof(hostileRange, edgeValue),
    intervalMs: edgeNumber,
    maxDataPoints: edgeNumber,
    queries: fc.array(
      fc.record(
        {
          refId: fc.oneof(fc.constantFrom('A', 'B', 'C'), edgeString),
          queryType: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...QUERY_TYPES) }, edgeString),
          metric: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...SERVICE_METRICS) }, edgeString),
          service: edgeString,
          team: edgeString,
          extra: hostileObject,
        },
        { requiredKeys: ['refId', 'queryType'] }
      ),
      { maxLength: 6 }
    ),
  },
  { requiredKeys: [] }
);

export const hostileBody: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: hostileObject.map((body) => JSON.stringify(body)) },
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.constantFrom(
    '',
    '{',
    '[]',
    'null',
    '"x"',
    '{"a":',
    '\u0000',
    '{"range":{"from":1e400}}',
    '[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]'
  ),
  fc.string({ maxLength: 200 })
);

/** encodeURIComponent refuses lone surrogates; their bytes are sent as a raw escape instead (see below). */
function wellFormed(text: string): string {
  return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/** A percent-encoded path or query value: any text, including what must never reach a handler raw. */
export const encodedValue = fc.oneof(
  {
    weight: 4,
    arbitrary: edgeString.map((s) => encodeURIComponent(wellFormed(s.slice(0, 6_000))).replace(/%2C/g, ',')),
  },
  // Byte sequences that are not UTF-8 (a lone surrogate, overlong forms, truncated ones) and escapes that are not.
  fc.constantFrom('%', '%%', '%E0%A4%A', '%C0%AF', '%ED%A0%80', '%FF', '%2F..%2F', '%252F', '..', '.', '%u0000')
);

/** A query string of API parameter names, repeats included, with encoded edge values. */
export const hostileQueryString = fc
  .tuple(
    fc.array(
      fc.tuple(
        fieldName,
        fc.oneof(
          encodedValue,
          edgeNumber.map((n) => encodeURIComponent(String(n)))
        )
      ),
      {
        maxLength: 8,
      }
    ),
    fc.option(hostileRange)
  )
  .map(([pairs, range]) => {
    const params = pairs.map(([name, value]) => `${encodeURIComponent(name)}=${value}`);
    if (range) params.push(`from=${encodeURIComponent(String(range.from))}&to=${encodeURIComponent(String(range.to))}`);
    return params.join('&');
  });

/** The route pattern with each `:param` replaced by a hostile value. */
export function concretePath(pattern: string): fc.Arbitrary<string> {
  const parts = pattern.split('/');
  return fc
    .tuple(...parts.map((part) => (part.startsWith(':') ? encodedValue : fc.constant(part))))
    .map((filled) => filled.join('/') || '/');
}

/**
 * Spellings of `path` a router might decode, normalise or fold: percent-encoded letters (either case of hex),
 * doubled or trailing slashes, dot segments, matrix parameters, letter case.
 */
export function foldedPath(path: string): fc.Arbitrary<string> {
  const encodeSome = fc.array(fc.boolean(), { minLength: path.length, maxLength: path.length }).chain((flags) =>
    fc.boolean().map((upper) =>
      [...path]
        .map((ch, i) => {
          if (!flags[i] || ch === '/') return ch;
          const hex = ch.charCodeAt(0).toString(16).padStart(2, '0');
          return `%${upper ? hex.toUpperCase() : hex}`;
        })
        .join('')
    )
  );
  return fc.oneof(
    encodeSome,
    fc.constant(`${path}/`),
    fc.constant(path.replace(/\//g, '//')),
    fc.constant(path.replace(/^\/([^/]+)/, '/$1/.')),
    fc.constant(`/x/..${path}`),
    fc.constant(`${path};x=1`),
    fc.constant(path.toUpperCase()),
    fc.constant(path.replace(/\//g, '%2F')),
    fc.constant(path.replace(/\//g, '%2f'))
  );
}
