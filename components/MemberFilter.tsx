import type { Translate } from '../lib/i18n';
import type { TeamNames } from '../lib/view/team';

export interface MemberFilterProps {
  team: TeamNames;
  /** The member ids offered, in order (default: every member the team names). */
  ids?: readonly string[];
  value: string;
  onChange: (member: string) => void;
  testId: string;
  t: Translate;
}

/** One team member filter for the article list, the all-highlights view and the popup's list (issue 19). */
export default function MemberFilter({ team, ids, value, onChange, testId, t }: MemberFilterProps) {
  const shown = ids ?? Object.keys(team.names);
  return (
    <label>
      {t('team.member')}{' '}
      <select value={value} data-testid={testId} onChange={(e) => onChange(e.currentTarget.value)}>
        <option value="">{t('dash.filter.any')}</option>
        {shown.map((id) => (
          <option key={id} value={id}>{id === team.me ? `${team.names[id]}${t('sync.me')}` : team.names[id]}</option>
        ))}
      </select>
    </label>
  );
}
