import type { AnnotationRecord } from '../db/schema';
import type { TeamView } from '../sync/service';

/**
 * Whose highlight or note is whose, as the views name them (issue 19). Rows carry the team member
 * who made them only when that was someone else: a row without one is this profile's reader's.
 */
export interface TeamNames {
  /** This profile's member id (null before sync is set up). */
  me: string | null;
  /** Display names by member id. */
  names: Readonly<Record<string, string>>;
}

export const NO_TEAM: TeamNames = Object.freeze({ me: null, names: Object.freeze({}) });

export function teamNames(view: Pick<TeamView, 'me' | 'members'>): TeamNames {
  return { me: view.me, names: Object.fromEntries(view.members.map((m) => [m.id, m.name])) };
}

/** A team exists once someone besides this reader is in it: only then is naming the author worth a line. */
export function isTeam(team: TeamNames): boolean {
  return Object.keys(team.names).some((id) => id !== team.me);
}

/** The display name of who made a row (`member` absent: this profile's reader), or `unknown` when the team has not named them. */
export function nameOf(team: TeamNames, member: string | undefined, unknown: string): string {
  const id = member ?? team.me;
  return (id !== null && team.names[id]) || unknown;
}

/** The member filter's value for the query: a member id, or null for this profile's reader. */
export function authorQuery(team: TeamNames, member: string): string | null {
  return member === team.me ? null : member;
}

/**
 * Whether a member made this annotation the reader's: made the highlight, or wrote the note (or,
 * on an engine annotation without a note, its tags, which travel with the note's writer). `null`
 * is this profile's reader, whose rows carry no author.
 */
export function madeBy(a: Pick<AnnotationRecord, 'origin' | 'note' | 'author' | 'noteBy'>, member: string | null): boolean {
  if (a.origin === 'manual' && (a.author ?? null) === member) return true;
  return (a.origin === 'auto' || !!a.note) && (a.noteBy ?? null) === member;
}
