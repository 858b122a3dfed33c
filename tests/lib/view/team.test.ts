import { describe, expect, it } from 'vitest';
import { authorQuery, isTeam, madeBy, nameOf, NO_TEAM, teamNames } from '../../../lib/view/team';

const team = teamNames({ me: 'alice', members: [{ id: 'alice', name: '爱丽丝' }, { id: 'bob', name: '鲍勃' }] });

describe('team names', () => {
  it("names a row's author, this profile's reader when it has none, and says so when the team has not named them", () => {
    expect(nameOf(team, 'bob', '团队成员')).toBe('鲍勃');
    expect(nameOf(team, undefined, '团队成员')).toBe('爱丽丝');
    expect(nameOf(team, 'carol', '团队成员')).toBe('团队成员');
    expect(nameOf(NO_TEAM, undefined, '团队成员')).toBe('团队成员');
  });

  it('is a team only with someone besides this reader', () => {
    expect(isTeam(team)).toBe(true);
    expect(isTeam(NO_TEAM)).toBe(false);
    expect(isTeam(teamNames({ me: 'alice', members: [{ id: 'alice', name: '爱丽丝' }] }))).toBe(false);
  });

  it("asks for this reader's rows as null, anyone else's by id", () => {
    expect(authorQuery(team, 'alice')).toBeNull();
    expect(authorQuery(team, 'bob')).toBe('bob');
  });
});

describe('madeBy', () => {
  it('counts a highlight for its author and a note for its writer', () => {
    const bobsHighlight = { origin: 'manual' as const, author: 'bob' };
    expect(madeBy(bobsHighlight, 'bob')).toBe(true);
    expect(madeBy(bobsHighlight, null)).toBe(false);
    const noteByMe = { origin: 'manual' as const, author: 'bob', note: '我的补充' };
    expect(madeBy(noteByMe, 'bob')).toBe(true);
    expect(madeBy(noteByMe, null)).toBe(true);
    const carolsNote = { origin: 'auto' as const, note: '看看', noteBy: 'carol' };
    expect(madeBy(carolsNote, 'carol')).toBe(true);
    expect(madeBy(carolsNote, null)).toBe(false);
    expect(madeBy(carolsNote, 'bob')).toBe(false);
    // My own highlight without a note is not bob's.
    expect(madeBy({ origin: 'manual' }, 'bob')).toBe(false);
    expect(madeBy({ origin: 'manual' }, null)).toBe(true);
  });
});
