/**
 * Python regular expressions, as saved pipelines carry them (`bm25_tokenization_regex`), compiled to
 * JavaScript with Python's Unicode meaning. Python's `\w` is any letter, digit or underscore in any
 * script and `\b` follows it; JavaScript's are ASCII-only even with the `u` flag, so they are rewritten:
 * `\w` → `[\p{L}\p{N}_]`, `\d` → `\p{Nd}`, `\s` → Python's whitespace, `\b` → lookarounds.
 */
import { ConfigError } from '../core/index.js';

const word = String.raw`\p{L}\p{N}_`;
const asciiWord = 'A-Za-z0-9_';
// str.isspace(): what Python's `\s` matches in Unicode mode.
const space = String.raw`\t\n\v\f\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000`;
const syntaxCharacters = new Set('^$\\.*+?()[]{}|/-');
const simpleEscapes: Readonly<Record<string, string>> = { n: '\\n', t: '\\t', r: '\\r', f: '\\f', v: '\\v', a: '\\x07', '0': '\\0' };

/** Reads leading inline flags (`(?u)`, `(?i)`, `(?ims)`) into JS flags; `(?x)` and `(?L)` are refused. */
const readFlags = (source: string): { body: string; flags: string; ascii: boolean } => {
  let body = source;
  let flags = 'u';
  let ascii = false;
  for (let match = /^\(\?([aiLmsux]+)\)/.exec(body); match; match = /^\(\?([aiLmsux]+)\)/.exec(body)) {
    for (const flag of match[1] ?? '') {
      if (flag === 'x' || flag === 'L') throw new ConfigError(`The Python regex flag '(?${flag})' is not supported; write the pattern without it.`);
      if (flag === 'a') ascii = true;
      else if (flag !== 'u' && !flags.includes(flag)) flags += flag;
    }
    body = body.slice(match[0].length);
  }
  return { body, flags, ascii };
};

/** Rewrites one escape (`\w`, `\b`, ...) for use outside or inside a character class. */
const translateEscape = (letter: string, inClass: boolean, ascii: boolean, pattern: string): string => {
  const w = ascii ? asciiWord : word;
  const d = ascii ? '0-9' : String.raw`\p{Nd}`;
  const classes: Readonly<Record<string, string>> = { w, d, s: space };
  const lower = letter.toLowerCase();
  if (lower in classes) {
    const body = classes[lower] ?? '';
    if (letter === lower) return inClass ? body : `[${body}]`;
    if (inClass) throw new ConfigError(`The Python regex '${pattern}' uses \\${letter} inside [...], which hayloft cannot translate; rewrite that class.`);
    return `[^${body}]`;
  }
  if (!inClass && letter === 'b') return `(?:(?<=[${w}])(?![${w}])|(?<![${w}])(?=[${w}]))`;
  if (!inClass && letter === 'B') return `(?:(?<=[${w}])(?=[${w}])|(?<![${w}])(?![${w}]))`;
  if (!inClass && letter === 'A') return '^';
  if (!inClass && letter === 'Z') return '$';
  if (inClass && letter === 'b') return '\\x08';
  if (letter in simpleEscapes) return simpleEscapes[letter] ?? '';
  if (/[1-9]/.test(letter)) return `\\${letter}`;
  if (/[A-Za-z]/.test(letter)) throw new ConfigError(`The Python regex escape '\\${letter}' in '${pattern}' is not supported.`);
  // Python lets any punctuation be escaped; JS's unicode mode only syntax characters.
  return syntaxCharacters.has(letter) ? `\\${letter}` : letter;
};

/**
 * Compiles a Python regex to a global, unicode JS RegExp with Python's `\w`, `\d`, `\s` and `\b`.
 * Throws {@link ConfigError} for what it cannot translate (verbose mode, `\W` inside a class).
 */
export const compilePythonRegex = (source: string): RegExp => {
  const { body, flags, ascii } = readFlags(source);
  let out = '';
  let inClass = false;
  for (let i = 0; i < body.length; i++) {
    const char = body[i] ?? '';
    if (char === '\\') {
      const next = body[i + 1] ?? '';
      i++;
      if (next === 'x' || next === 'u' || next === 'U') {
        const width = next === 'x' ? 2 : next === 'u' ? 4 : 8;
        const digits = body.slice(i + 1, i + 1 + width);
        out += `\\u{${digits}}`;
        i += width;
      } else out += translateEscape(next, inClass, ascii, source);
    } else if (inClass) {
      if (char === ']') inClass = false;
      out += char;
    } else if (char === '[') {
      inClass = true;
      out += char;
      // A ']' right after '[' or '[^' is a literal in Python.
      if (body[i + 1] === '^') {
        out += '^';
        i++;
      }
      if (body[i + 1] === ']') {
        out += '\\]';
        i++;
      }
    } else if (body.startsWith('(?P<', i)) {
      out += '(?<';
      i += 3;
    } else if (body.startsWith('(?P=', i)) {
      const end = body.indexOf(')', i);
      out += `\\k<${body.slice(i + 4, end)}>`;
      i = end;
    } else out += char;
  }
  try {
    return new RegExp(out, `${flags}g`);
  } catch (error) {
    throw new ConfigError(`The Python regex '${source}' could not be used in JavaScript (${error instanceof Error ? error.message : String(error)}).`, { cause: error });
  }
};

/** How many capture groups a regex has (Python's `re.compile(p).groups`). */
export const captureGroupCount = (regex: RegExp): number => (new RegExp(`${regex.source}|`, regex.flags).exec('')?.length ?? 1) - 1;

/** Python's `re.findall` for `regex`: whole matches, or the capture group's text when the pattern has one. */
export const pythonFindAll = (regex: RegExp): ((text: string) => string[]) => {
  const groups = captureGroupCount(regex);
  if (groups > 1) throw new ConfigError(`The regex /${regex.source}/ has ${groups} capture groups, which would make tokens tuples; use non-capturing groups (?:...).`);
  return (text) => {
    const tokens: string[] = [];
    for (const match of text.matchAll(regex)) tokens.push(groups === 1 ? (match[1] ?? '') : match[0]);
    return tokens;
  };
};
