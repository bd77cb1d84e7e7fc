/**
 * Reads a Python literal (what `ast.literal_eval` accepts for plain data): numbers, strings in single
 * or double quotes, `True`/`False`/`None`, lists, tuples and dicts; JSON is a subset. Returns
 * `undefined` when the text is not one, so the caller keeps the text (as Haystack's OutputAdapter does).
 * Reads data only: nothing is ever evaluated.
 */
export const parsePythonLiteral = (text: string): unknown => {
  let at = 0;
  const fail = (): never => {
    throw new SyntaxError('not a literal');
  };
  const space = () => {
    while (at < text.length && /\s/.test(text[at] ?? '')) at += 1;
  };
  const string = (): string => {
    const quote = text[at];
    at += 1;
    let out = '';
    while (at < text.length && text[at] !== quote) {
      let char = text[at] ?? '';
      if (char === '\\') {
        at += 1;
        const next = text[at] ?? '';
        const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0' };
        if (next === 'u' || next === 'x') {
          const width = next === 'u' ? 4 : 2;
          char = String.fromCharCode(Number.parseInt(text.slice(at + 1, at + 1 + width), 16));
          at += width;
        } else char = escapes[next] ?? `\\${next}`;
      }
      out += char;
      at += 1;
    }
    if (text[at] !== quote) fail();
    at += 1;
    return out;
  };
  const sequence = (close: string): unknown[] => {
    at += 1;
    const items: unknown[] = [];
    for (space(); text[at] !== close; space()) {
      items.push(value());
      space();
      if (text[at] === ',') at += 1;
      else if (text[at] !== close) fail();
    }
    at += 1;
    return items;
  };
  const value = (): unknown => {
    space();
    const char = text[at];
    if (char === '"' || char === "'") return string();
    if (char === '[') return sequence(']');
    if (char === '(') return sequence(')');
    if (char === '{') {
      at += 1;
      const entries: Array<[string, unknown]> = [];
      for (space(); text[at] !== '}'; space()) {
        const key = value();
        space();
        if (text[at] !== ':') fail();
        at += 1;
        entries.push([String(key), value()]);
        space();
        if (text[at] === ',') at += 1;
        else if (text[at] !== '}') fail();
      }
      at += 1;
      return Object.fromEntries(entries);
    }
    const word = /^(True|False|None|true|false|null|-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/.exec(text.slice(at))?.[0];
    if (word === undefined) return fail();
    at += word.length;
    if (word === 'True' || word === 'true') return true;
    if (word === 'False' || word === 'false') return false;
    if (word === 'None' || word === 'null') return null;
    return Number(word);
  };
  try {
    const result = value();
    space();
    return at === text.length ? result : undefined;
  } catch {
    return undefined;
  }
};
