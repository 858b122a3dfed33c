import type { MessageKey, Translate } from '../i18n';
import type { ImportProblem, ProblemWhere } from './backup';

/**
 * An import problem in the reader's language: which record (the third article, not
 * "articles[2]"), which field in words where we have them (发布日期, not publishedAt) and what is
 * wrong, never the raw developer text ("exportedAt: required").
 */

const FIELDS: ReadonlySet<string> = new Set([
  'title', 'url', 'canonicalUrl', 'text', 'savedAt', 'updatedAt', 'createdAt', 'publishedAt', 'exportedAt', 'verdict',
  'articleId', 'selectors', 'tags', 'note', 'value', 'type', 'id', 'format', 'version', 'kind', 'seenAt',
]);

const WHERE: Readonly<Record<ProblemWhere['collection'], MessageKey>> = {
  articles: 'import.where.article', annotations: 'import.where.annotation', settings: 'import.where.setting', watches: 'import.where.watch',
};
const WHAT: Readonly<Record<ProblemWhere['collection'], MessageKey>> = {
  articles: 'import.what.articles', annotations: 'import.what.annotations', settings: 'import.what.settings', watches: 'import.what.watches',
};

function whereText(where: ProblemWhere | undefined, t: Translate): string {
  if (!where) return t('import.where.file');
  const n = where.index + 1;
  return `${t(WHERE[where.collection], { n })}${where.id ? ` (${where.id})` : ''}`;
}

function fieldText(path: string | undefined, t: Translate, where?: ProblemWhere): string {
  if (!path) return t('import.field', { path: '—' });
  const head = path.split('.')[0] ?? path;
  if (!FIELDS.has(head)) return t('import.field', { path });
  // A watch's value is what the reader typed to watch, not an annotation's normalised value.
  const name = where?.collection === 'watches' && head === 'value' ? t('import.field.watchValue') : t(`import.field.${head}` as MessageKey);
  return head === path ? name : `${name} (${path})`;
}

function whatText(what: unknown, t: Translate): string {
  return t(typeof what === 'string' && what in WHAT ? WHAT[what as ProblemWhere['collection']] : 'import.what.settings');
}

export function problemText(p: ImportProblem, t: Translate): string {
  const params = p.params ?? {};
  switch (p.code) {
    case 'notText': return t('import.problem.notText');
    case 'json': return t('import.problem.json');
    case 'notBackup': return t('import.problem.notBackup');
    case 'newer': return t('import.problem.newer', { version: params.version ?? '' });
    case 'version': return t('import.problem.version', { version: params.version ?? '' });
    case 'tooLarge': return t('import.problem.tooLarge', { size: params.size ?? '', limit: params.limit ?? '' });
    case 'tooMany': return t('import.problem.tooMany', { what: whatText(params.what, t), n: params.n ?? '', limit: params.limit ?? '' });
    case 'counts': return t('import.problem.counts', { what: whatText(params.what, t), declared: params.declared ?? '', actual: params.actual ?? '' });
    case 'missing': return t('import.problem.missing', { where: whereText(p.where, t), field: fieldText(p.field, t, p.where) });
    case 'invalid': {
      const detail = p.detail && p.detail !== 'other'
        ? t(({ type: 'import.detail.type', tooBig: 'import.detail.tooBig', tooSmall: 'import.detail.tooSmall', url: 'import.detail.url', date: 'import.detail.date', choice: 'import.detail.choice', watchKey: 'import.detail.watchKey' } as const)[p.detail])
        : t('import.detail.other', { message: params.message ?? '' });
      return t('import.problem.invalid', { where: whereText(p.where, t), field: fieldText(p.field, t, p.where), detail });
    }
    case 'forbiddenKey': return t('import.problem.forbiddenKey', { where: p.field ? t('import.field', { path: p.field }) : t('import.where.file'), key: params.key ?? '' });
    case 'tooDeep': return t('import.problem.tooDeep', { where: p.field ? t('import.field', { path: p.field }) : t('import.where.file'), max: params.max ?? '' });
    case 'conflict': return t('import.problem.conflict', { where: whereText(p.where, t) });
    case 'orphan': return t('import.problem.orphan', { where: whereText(p.where, t) });
    case 'duplicate': return t('import.problem.duplicate', { where: whereText(p.where, t), other: whereText(p.other, t) });
    case 'database': return t('import.problem.database', { detail: params.detail ?? '' });
    case 'derived': return t('import.problem.derived', { detail: params.detail ?? '' });
    case 'unreadable': return t('import.readFailed', { message: params.detail ?? '' });
    case 'more': return t('import.problem.more', { n: params.n ?? '' });
  }
}
