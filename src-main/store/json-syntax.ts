/**
 * Finds where a JSON text first breaks, with a 1-based line and column, so that a person
 * editing settings.json by hand is told where to look. (V8's JSON.parse messages give a
 * position only sometimes, and their wording changes between versions.)
 *
 * A strict RFC 8259 scanner; run it only after JSON.parse has failed.
 */

export interface JsonSyntaxProblem {
  readonly line: number;
  readonly column: number;
  /** e.g. "Unexpected token }", "Unexpected end of file" */
  readonly problem: string;
  /** What was expected there, when that helps: "expected , or }" */
  readonly hint: string | null;
}

class Stop extends Error {
  constructor(
    readonly offset: number,
    readonly problem: string,
    readonly hint: string | null,
  ) {
    super(problem);
  }
}

export function findJsonSyntaxError(text: string): JsonSyntaxProblem | null {
  let pos = 0;

  const fail = (problem: string, at = pos, hint: string | null = null): never => {
    throw new Stop(at, problem, hint);
  };
  const unexpected = (hint?: string): never =>
    pos >= text.length
      ? fail('Unexpected end of file', pos, hint ?? null)
      : fail(`Unexpected token ${describeChar(text[pos] ?? '')}`, pos, hint ?? null);
  const skipWhitespace = (): void => {
    while (pos < text.length && ' \t\n\r'.includes(text[pos] ?? '')) pos++;
  };
  const literal = (word: string): void => {
    for (const char of word) {
      if (text[pos] !== char) unexpected();
      pos++;
    }
  };
  const digits = (): void => {
    if (!isDigit(text[pos])) unexpected();
    while (isDigit(text[pos])) pos++;
  };
  const number = (): void => {
    if (text[pos] === '-') pos++;
    if (text[pos] === '0') pos++;
    else digits();
    if (text[pos] === '.') {
      pos++;
      digits();
    }
    if (text[pos] === 'e' || text[pos] === 'E') {
      pos++;
      if (text[pos] === '+' || text[pos] === '-') pos++;
      digits();
    }
  };
  const string = (): void => {
    const start = pos;
    pos++; // opening quote
    for (;;) {
      if (pos >= text.length) fail('Unterminated string', start);
      const code = text.charCodeAt(pos);
      if (code === 0x22) {
        pos++;
        return;
      }
      if (code < 0x20) fail('Unexpected line break or control character inside a string');
      if (code === 0x5c) {
        pos++;
        const escape = text[pos];
        if (escape === 'u') {
          pos++;
          for (let i = 0; i < 4; i++, pos++) {
            if (!/[0-9a-fA-F]/.test(text[pos] ?? '')) fail('Bad \\u escape in string');
          }
          continue;
        }
        if (escape === undefined || !'"\\/bfnrt'.includes(escape)) {
          fail('Bad escape in string');
        }
      }
      pos++;
    }
  };
  // Iterative over containers, so deeply nested input cannot overflow the stack.
  const value = (): void => {
    const stack: ('{' | '[')[] = [];
    for (;;) {
      skipWhitespace();
      const char = text[pos];
      if (char === '{') {
        pos++;
        skipWhitespace();
        if (text[pos] === '}') {
          pos++;
        } else {
          stack.push('{');
          member();
          continue;
        }
      } else if (char === '[') {
        pos++;
        skipWhitespace();
        if (text[pos] === ']') {
          pos++;
        } else {
          stack.push('[');
          continue;
        }
      } else if (char === '"') {
        string();
      } else if (char === '-' || isDigit(char)) {
        number();
      } else if (char === 't') {
        literal('true');
      } else if (char === 'f') {
        literal('false');
      } else if (char === 'n') {
        literal('null');
      } else {
        unexpected();
      }
      // A value is complete: close containers or move to the next element.
      for (;;) {
        const open = stack.at(-1);
        if (open === undefined) return;
        skipWhitespace();
        const close = open === '{' ? '}' : ']';
        if (text[pos] === ',') {
          pos++;
          skipWhitespace();
          if (text[pos] === close) unexpected('JSON allows no comma before the closing bracket');
          if (open === '{') member();
          break;
        }
        if (text[pos] === close) {
          pos++;
          stack.pop();
          continue;
        }
        unexpected(`expected , or ${close}`);
      }
    }
  };
  // A member's key and colon; its value follows in the main loop.
  const member = (): void => {
    if (text[pos] !== '"') unexpected('expected a property name in double quotes');
    string();
    skipWhitespace();
    if (text[pos] !== ':') unexpected('expected : after the property name');
    pos++;
  };

  try {
    value();
    skipWhitespace();
    if (pos < text.length) unexpected('after the end of the JSON value');
    return null;
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    return { ...lineAndColumn(text, error.offset), problem: error.problem, hint: error.hint };
  }
}

function isDigit(char: string | undefined): boolean {
  return char !== undefined && char >= '0' && char <= '9';
}

function describeChar(char: string): string {
  const code = char.charCodeAt(0);
  return code < 0x20 || code === 0x7f ? `U+${code.toString(16).toUpperCase().padStart(4, '0')}` : char;
}

/** 1-based; \n, \r\n and a lone \r each end a line. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const char = text[i];
    if (char === '\n' || (char === '\r' && text[i + 1] !== '\n')) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
