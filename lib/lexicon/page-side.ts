/**
 * The books the page side of detection matches with (lib/detect/locate.ts and what it calls:
 * furniture, labels, government hosts). The content script imports this, never lib/lexicon/index.ts.
 */
import { registerBook } from './registry';
import page from './page.json';
import hosts from './hosts.json';
import pageVariants from './page-variants.json';

registerBook('page', page);
registerBook('hosts', hosts);
registerBook('page-variants', pageVariants);

export * from './registry';
