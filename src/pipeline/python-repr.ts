/**
 * Python's `repr()` of JSON-like values. Haystack 2 derives a Document's id from an f-string that
 * embeds `str(meta)` and `str(embedding)`, so matching its ids means printing values as Python does.
 */

// Characters `str.isprintable()` rejects: Other (Cc, Cf, Cs, Co, Cn) and Separator (Zl, Zp, Zs) but the space.
const nonPrintable = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

const hex = (code: number, width: number): string => code.toString(16).padStart(width, '0');

/** Python's `repr(str)`: single quotes unless only double quotes avoid escaping. */
export const pythonStringRepr = (text: string): string => {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (char === quote || char === '\\') out += `\\${char}`;
    else if (char === '\t') out += '\\t';
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (code < 0x20 || code === 0x7f) out += `\\x${hex(code, 2)}`;
    else if (code < 0x7f || (char !== ' ' && !nonPrintable.test(char))) out += char;
    else if (code <= 0xff) out += `\\x${hex(code, 2)}`;
    else if (code <= 0xffff) out += `\\u${hex(code, 4)}`;
    else out += `\\U${hex(code, 8)}`;
  }
  return out + quote;
};

/** Python's `repr(float)`: shortest round-trip digits, exponent form below 1e-4 and from 1e16. */
export const pythonFloatRepr = (value: number): string => {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  // toExponential() with no argument gives the shortest digits that round-trip, as Python's repr does.
  const [mantissa = '', exponentText = '0'] = value.toExponential().split('e');
  const sign = mantissa.startsWith('-') ? '-' : '';
  const digits = mantissa.replace('-', '').replace('.', '');
  const exponent = Number(exponentText);
  // Python's float_repr_style 'short' switches to exponent form when the point sits outside (-4, 16].
  const pointAt = exponent + 1;
  if (pointAt <= -4 || pointAt > 16) {
    const body = digits.length > 1 ? `${digits[0] ?? ''}.${digits.slice(1)}` : digits;
    const magnitude = String(Math.abs(exponent)).padStart(2, '0');
    return `${sign}${body}e${exponent < 0 ? '-' : '+'}${magnitude}`;
  }
  if (pointAt <= 0) return `${sign}0.${'0'.repeat(-pointAt)}${digits}`;
  if (pointAt >= digits.length) return `${sign}${digits}${'0'.repeat(pointAt - digits.length)}.0`;
  return `${sign}${digits.slice(0, pointAt)}.${digits.slice(pointAt)}`;
};

/** How numbers print: JSON numbers carry no int/float tag, so integral values print as ints unless told otherwise. */
export interface PythonReprOptions {
  /** Print every number as a float (`1.0`), as Python prints a `list[float]` embedding. */
  readonly floats?: boolean;
}

/** Python's `repr()` of a JSON-like value: `None`, `True`, ints, floats, strings, lists and dicts. */
export const pythonRepr = (value: unknown, options: PythonReprOptions = {}): string => {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') {
    if (!options.floats && Number.isInteger(value)) return Number.isSafeInteger(value) ? String(value) : BigInt(value).toString();
    return pythonFloatRepr(value);
  }
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'string') return pythonStringRepr(value);
  if (Array.isArray(value)) return `[${value.map((item) => pythonRepr(item, options)).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value).map(([key, item]) => `${pythonStringRepr(key)}: ${pythonRepr(item, options)}`);
    return `{${entries.join(', ')}}`;
  }
  // Functions and symbols never come from JSON; any stable text will do for them.
  return pythonStringRepr(typeof value === 'symbol' ? value.toString() : typeof value);
};
