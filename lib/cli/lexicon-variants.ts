/** npm run lexicon:variants — writes lib/lexicon/page-variants.json (see lib/lexicon/variants.ts). */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pageVariants, variantsBook } from '../lexicon/variants';

const out = join(resolve(import.meta.dirname, '..', '..'), 'lib', 'lexicon', 'page-variants.json');
const variants = pageVariants();
writeFileSync(out, `${JSON.stringify(variantsBook(variants), null, 1)}\n`);
console.log(`wrote ${Object.keys(variants).length} characters to ${out}`);
