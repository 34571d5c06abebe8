/**
 * Turns zod issues from the contract's Settings schemas into SettingsProblems in plain words:
 * a key path such as `sip.ice_servers[0].urls` and a sentence a person can act on. Custom
 * messages written in the contract (e.g. "must be a WebSocket URL ...") are kept as they are;
 * zod's generic ones are replaced.
 */
import { z } from 'zod';
import type { SettingsProblem } from './errors.js';

type Issue = z.core.$ZodIssue;
type RawIssue = z.core.$ZodRawIssue;

/** Pass as the `error` option of safeParse: words for issues the schema gave no message for. */
export function plainWords(issue: RawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return `must be ${describeExpected(issue.expected)}, not ${describeValue(issue.input)}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    case 'too_small':
      return boundWords('at least', 'more than', issue.minimum, issue.inclusive, issue.origin);
    case 'too_big':
      return boundWords('at most', 'less than', issue.maximum, issue.inclusive, issue.origin);
    case 'invalid_union':
      return unionWords(issue.errors, issue.input);
    case 'invalid_format':
      return 'is not in the expected format';
    default:
      return undefined;
  }
}

/** One problem per issue, and one per unknown key (so each typo is named with its path). */
export function toProblems(issues: readonly Issue[], knownKeys?: (path: readonly PropertyKey[]) => readonly string[]): SettingsProblem[] {
  return issues.flatMap((issue): SettingsProblem[] => {
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeys?.(issue.path) ?? [];
      const hint = known.length > 0 ? ` (known keys here: ${known.join(', ')})` : '';
      return issue.keys.map((key) => ({
        path: formatPath([...issue.path, key]),
        message: `is not a known setting${hint}`,
      }));
    }
    if (issue.path.length === 0 && issue.code === 'invalid_type') {
      return [{ path: '', message: `must hold a JSON object such as {}, not ${describeValue(issue.input)}` }];
    }
    return [{ path: formatPath(issue.path), message: issue.message }];
  });
}

/** `sip.ice_servers[0].urls`; keys that are not plain words are quoted: `labels["a b"]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, segment) => {
    if (typeof segment === 'number') return `${text}[${segment}]`;
    const key = String(segment);
    if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) return text === '' ? key : `${text}.${key}`;
    return `${text}[${JSON.stringify(key)}]`;
  }, '');
}

function describeExpected(expected: string): string {
  switch (expected) {
    case 'string':
      return 'text in double quotes';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true or false';
    case 'object':
      return 'an object ({ ... })';
    case 'array':
      return 'a list ([ ... ])';
    default:
      return `of type ${expected}`;
  }
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'missing';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return 'text';
    case 'number':
      return 'a number';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

function boundWords(
  inclusiveWord: string,
  exclusiveWord: string,
  bound: number | bigint,
  inclusive: boolean | undefined,
  origin: string,
): string {
  const relation = inclusive === false ? exclusiveWord : inclusiveWord;
  switch (origin) {
    case 'string':
      return inclusiveWord === 'at least' && Number(bound) === 1 && inclusive !== false
        ? 'must not be empty'
        : `must be ${relation} ${bound} characters long`;
    case 'array':
    case 'set':
      return `must have ${relation} ${bound} entries`;
    default:
      return `must be ${relation} ${bound}`;
  }
}

/**
 * zod reports a union whose every branch failed as one issue; when the branches disagree only
 * on type (`"a" | ["a"]`, or text-or-empty), name the types that would do.
 */
function unionWords(branches: readonly (readonly Issue[])[], input: unknown): string {
  const expected = new Set<string>();
  for (const issues of branches) {
    const first = issues[0];
    if (!first || first.path.length > 0) return 'has none of the accepted forms';
    if (first.code === 'invalid_type') expected.add(describeExpected(first.expected));
    else if (first.code === 'invalid_value' && first.values.every((v) => typeof v === 'string')) {
      expected.add(describeExpected('string'));
    } else return 'has none of the accepted forms';
  }
  return `must be ${[...expected].join(' or ')}, not ${describeValue(input)}`;
}
