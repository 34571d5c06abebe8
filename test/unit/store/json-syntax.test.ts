import { describe, expect, it } from 'vitest';
import { findJsonSyntaxError } from '../../../src-main/store/json-syntax.js';

describe('findJsonSyntaxError', () => {
  it.each([
    ['{}', null],
    ['  [1, -2.5e+3, "a\\u00e9\\n", true, false, null, {"a": [{}]}]  \n', null],
    ['"just a string"', null],
  ])('accepts valid JSON %j', (text, expected) => {
    expect(findJsonSyntaxError(text)).toBe(expected);
    expect(() => JSON.parse(text)).not.toThrow();
  });

  it.each([
    ['{\n  "a": 1,\n    }', 3, 5, 'Unexpected token }', 'JSON allows no comma before the closing bracket'],
    ['[1, 2,]', 1, 7, 'Unexpected token ]', 'JSON allows no comma before the closing bracket'],
    ["{ 'a': 1 }", 1, 3, "Unexpected token '", 'expected a property name in double quotes'],
    ['{ a: 1 }', 1, 3, 'Unexpected token a', 'expected a property name in double quotes'],
    ['{ "a" 1 }', 1, 7, 'Unexpected token 1', 'expected : after the property name'],
    ['{ "a": 1 "b": 2 }', 1, 10, 'Unexpected token "', 'expected , or }'],
    ['{ "a": tru }', 1, 11, 'Unexpected token  ', null],
    ['{ "a": 01 }', 1, 9, 'Unexpected token 1', 'expected , or }'],
    ['{ "a": "x\ny" }', 1, 10, 'Unexpected line break or control character inside a string', null],
    ['{ "a": "\\q" }', 1, 10, 'Bad escape in string', null],
    ['{ "a": "abc', 1, 8, 'Unterminated string', null],
    ['{\r\n"a": 1\r\n', 3, 1, 'Unexpected end of file', 'expected , or }'],
    ['{} {}', 1, 4, 'Unexpected token {', 'after the end of the JSON value'],
    ['', 1, 1, 'Unexpected end of file', null],
    ['// comment\n{}', 1, 1, 'Unexpected token /', null],
  ])('locates the error in %j', (text, line, column, problem, hint) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(findJsonSyntaxError(text)).toEqual({ line, column, problem, hint });
  });

  it('survives very deep nesting', () => {
    const text = `${'['.repeat(100_000)}1${']'.repeat(99_999)}`;
    expect(findJsonSyntaxError(text)).toMatchObject({ problem: 'Unexpected end of file' });
  });
});
