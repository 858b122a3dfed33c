import type { ProgramValue } from '../types';

/**
 * How a program is shown: as the text writes it. A document title keeps its book-title marks
 * (《山西省…行动计划》), a campaign keeps its own quotes (“千企升级”专项行动) and a plain name stays
 * plain (产业基础再造工程). The canonical name (no marks) is for keys only: wrapping every name
 * in 《》 would turn a campaign into a document title.
 *
 * A short back-reference (《行动计划》 for the full title) is shown as its full title, written the
 * way the alias was (an alias in 《》 stands for a title in 《》).
 */
export function programLabel(written: string, value: Pick<ProgramValue, 'name' | 'aliasOf'>): string {
  const text = written.trim();
  const titled = text.startsWith('《');
  if (value.aliasOf && value.aliasOf !== value.name) return titled ? `《${value.aliasOf}》` : value.aliasOf;
  if (titled) return `《${value.name}》`;
  return text || value.name;
}
