import { afterEach, describe, expect, it } from 'vitest';
import { createBackgroundService } from '../../../lib/background/service';
import { reminderSources } from '../../../lib/background/reminder-sources';
import { reminderSchedule } from '../../../lib/card/reminders';
import { backgroundRequestSchema, parseRequest } from '../../../lib/messages';
import { nodeTokenizer } from '../../../lib/corpus/node';
import { SHANXI_2023, closeAll, freshDb } from '../corpus/helpers';

afterEach(closeAll);

describe('reminder sources', () => {
  it('reads each saved article\'s deadlines, dismissed ones left out, into a schedule', async () => {
    const db = freshDb();
    const tokenize = nodeTokenizer();
    const svc = createBackgroundService({ db: () => db, tokenizer: async () => tokenize, setBadge: () => undefined, now: () => new Date('2023-11-01T08:00:00Z') });
    const r = parseRequest(backgroundRequestSchema, { type: 'saveArticle', page: SHANXI_2023 });
    if (!r.ok) throw new Error(r.error);
    await svc.handle(r.data, { fromContentScript: false });
    const sources = await reminderSources(db);
    expect(sources).toHaveLength(1);
    expect(sources[0]!.card.deadlines.map((d) => [d.text, d.value.kind])).toEqual([['到2023年底前', 'by'], ['每季度', 'recurring']]);
    const schedule = reminderSchedule(sources, { enabled: true, daysBefore: 3 }, new Date(2023, 10, 1, 12));
    // 到2023年底前, and the quarter's end that 每季度 falls on next.
    expect(schedule.map((x) => [x.message, x.date])).toEqual([['截止 2023-12-31', '2023-12-31'], ['周期 · 每季度', '2023-12-31']]);

    const first = (await db.annotations.where('type').equals('deadline').toArray()).find((a) => (a.value as { end?: string }).end === '2023-12-31')!;
    await db.annotations.update(first.id, { dismissed: true });
    expect(reminderSchedule(await reminderSources(db), { enabled: true, daysBefore: 3 }, new Date(2023, 10, 1, 12)).map((x) => x.message)).toEqual(['周期 · 每季度']);
  });
});
