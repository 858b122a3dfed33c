/**
 * Every book of the lexicon, for the engine, the verdict and the tools (the background and Node).
 * The page side imports lib/lexicon/page-side.ts instead, which loads only what the page needs.
 * See lib/lexicon/registry.ts for what a book is and how patterns use it.
 */
import { registerBook } from './registry';
import deadline from './deadline.json';
import target from './target.json';
import program from './program.json';
import units from './units.json';
import verdict from './verdict.json';
import place from './place.json';
import resolve from './resolve.json';
import support from './support.json';
import './page-side';

registerBook('deadline', deadline);
registerBook('target', target);
registerBook('program', program);
registerBook('units', units);
registerBook('verdict', verdict);
registerBook('place', place);
registerBook('resolve', resolve);
registerBook('support', support);

export * from './registry';
