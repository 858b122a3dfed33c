/** The saved corpus: saving, indexing, comparison and search. Import from here. */
export { saveArticle, deleteArticle, updateAnnotation, deleteAnnotation, markForIndexing, needsIndexing, getArticleByUrl, findArticleByUrl, indexPending, toSummary, factsOf, newId, CorpusInputError } from './store';
export type { SaveInput, ManualAnnotationInput } from './store';
export { summarizeAgainstCorpus } from './summary';
export type { CorpusSummary, ArticleRef, ProgramSeen, RelatedArticle, TimelineItem, DriftItem, DriftOther, TargetFigure, SummaryOptions } from './summary';
export { searchCorpus, searchFacets, searchQuerySchema, makeSnippet } from './search';
export type { SearchQuery, SearchResults, SearchHit } from './search';
export { makeTokenizer, registerDomainWords, termFrequencies, DOMAIN_WORDS } from './tokenize';
export type { Tokenize, Cut } from './tokenize';
export { canonicalizeUrl, contentHash, fnv1a64, programKey, indicatorKey, regionKey } from './keys';
export { foldText } from '../text/fold';
export { toSimplified } from '../text/simplify';
export { libraryChoices, listArticles, type LibraryChoices, type LibraryPage, type LibraryQuery } from './list';
