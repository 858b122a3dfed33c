/**
 * A reader for the YAML this project writes (front matter: `key: scalar`, `key: []`, `key:` + `  - item`).
 * Scalars we emit in double quotes use only JSON-compatible escapes, so JSON.parse decodes them;
 * anything else (a bare word, a stray line) throws, so a structural break in the output fails the test.
 */
export function parseFrontMatter(md: string): { data: Record<string, unknown>; body: string } {
  if (!md.startsWith('---\n')) throw new Error('no front matter');
  const end = md.indexOf('\n---\n', 4);
  if (end < 0) throw new Error('front matter not closed');
  const data: Record<string, unknown> = {};
  let listKey: string | null = null;
  for (const line of md.slice(4, end).split('\n')) {
    const item = /^ {2}- (".*")$/.exec(line);
    if (item) {
      if (!listKey) throw new Error(`list item outside a list: ${line}`);
      (data[listKey] as unknown[]).push(JSON.parse(item[1]!));
      continue;
    }
    const kv = /^([A-Za-z][A-Za-z0-9_]*):(?: (.*))?$/.exec(line);
    if (!kv) throw new Error(`not a front-matter line: ${JSON.stringify(line)}`);
    const [, key, raw] = kv;
    if (Object.prototype.hasOwnProperty.call(data, key!)) throw new Error(`duplicate key ${key}`);
    listKey = null;
    if (raw === undefined) {
      data[key!] = [];
      listKey = key!;
    } else if (raw === '[]') data[key!] = [];
    else if (/^\d+$/.test(raw)) data[key!] = Number(raw);
    else if (raw.startsWith('"') && raw.endsWith('"')) data[key!] = JSON.parse(raw);
    else throw new Error(`unquoted scalar: ${line}`);
  }
  return { data, body: md.slice(end + 5) };
}

/** The terms of a `#:~:text=` directive, percent-decoded, as a browser reads them. */
export function readDirective(url: string): { prefix?: string; start: string; end?: string; suffix?: string; raw: string } {
  const i = url.indexOf(':~:text=');
  if (i < 0) throw new Error(`no text directive in ${url}`);
  const raw = url.slice(i + ':~:text='.length);
  const terms = raw.split(',');
  const out: { prefix?: string; start: string; end?: string; suffix?: string; raw: string } = { start: '', raw };
  if (terms[0]?.endsWith('-')) out.prefix = decodeURIComponent(terms.shift()!.slice(0, -1));
  if (terms[terms.length - 1]?.startsWith('-')) out.suffix = decodeURIComponent(terms.pop()!.slice(1));
  if (terms.length < 1 || terms.length > 2) throw new Error(`bad directive ${raw}`);
  out.start = decodeURIComponent(terms[0]!);
  if (terms[1] !== undefined) out.end = decodeURIComponent(terms[1]);
  return out;
}

/**
 * Where a browser would put the highlight: the first place the terms match, with prefix and suffix
 * immediately around it (our test texts have no whitespace to skip). Returns [start, end) or null.
 */
export function firstMatch(text: string, d: { prefix?: string; start: string; end?: string; suffix?: string }): [number, number] | null {
  // White space (a line break between paragraphs included) may separate the context from the quote.
  const skip = (i: number) => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    return i;
  };
  const prefix = d.prefix ?? '';
  for (let i = text.indexOf(prefix || d.start); i !== -1; i = text.indexOf(prefix || d.start, i + 1)) {
    const s = prefix ? skip(i + prefix.length) : i;
    if (!text.startsWith(d.start, s)) continue;
    let e = s + d.start.length;
    if (d.end !== undefined) {
      const j = text.indexOf(d.end, e);
      if (j < 0) return null;
      e = j + d.end.length;
    }
    if (!d.suffix || text.startsWith(d.suffix, skip(e))) return [s, e];
  }
  return null;
}
