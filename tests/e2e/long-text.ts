import { readFileSync, readdirSync } from 'node:fs';

/** A sentence with a target and a deadline, placed at the very end of the long text. */
export const LAST_SENTENCE = '到2028年底前，全市新培育省级专精特新中小企业300家以上。';

/** Real policy sentences from the dev corpus run together into one text of `chars` characters, ending in LAST_SENTENCE. */
export function longText(chars: number): string {
  const dir = 'tests/fixtures/corpus/dev';
  const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
  let text = '';
  while (text.length < chars) for (const f of files) text += readFileSync(`${dir}/${f}`, 'utf8').replace(/\n/g, '');
  return text.slice(0, chars - LAST_SENTENCE.length) + LAST_SENTENCE;
}
