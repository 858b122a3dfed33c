/** npm run lexicon:opencc — writes lib/text/opencc-tables.json (see lib/text/opencc-tables.ts). */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { computeTables, encodeTables } from '../text/opencc-tables';
import { config } from '../text/simplify';

const out = join(resolve(import.meta.dirname, '..', '..'), 'lib', 'text', 'opencc-tables.json');
writeFileSync(out, `${JSON.stringify(encodeTables(computeTables(config())), null, 1)}\n`);
console.log(`wrote ${out}`);
