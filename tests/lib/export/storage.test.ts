import { describe, expect, it } from 'vitest';
import { describeStorage, formatBytes, quotaWarning } from '../../../lib/export/storage';

const GB = 1024 ** 3;

describe('storage usage', () => {
  it('formats bytes the way file managers do', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5 MB');
    expect(formatBytes(300.4 * 1024 * 1024)).toBe('300 MB');
    expect(formatBytes(1.25 * GB)).toBe('1.3 GB');
    expect(formatBytes(Number.NaN)).toBe('—');
  });

  it('describes what the estimate knows', () => {
    expect(describeStorage({ usage: 1.2 * GB, quota: 2 * GB })).toEqual({ usage: 1.2 * GB, quota: 2 * GB, ratio: 0.6, text: '已用 1.2 GB / 共 2 GB（60%）' });
    expect(describeStorage({ usage: 1024 })).toMatchObject({ ratio: null, text: '已用 1 KB' });
    expect(describeStorage({})).toMatchObject({ ratio: null, text: '存储用量未知' });
    expect(describeStorage({ usage: 1, quota: 10 * GB }).text).toMatch(/（1%）$/);
    expect(describeStorage({ usage: 10 * GB - 1, quota: 10 * GB }).text).toMatch(/（99%）$/);
  });

  it('warns above 80% and urges above 95%', () => {
    expect(quotaWarning({ usage: 0.8 * GB, quota: GB })).toBeNull();
    expect(quotaWarning({ usage: 0.81 * GB, quota: GB })).toMatchObject({ level: 'warn' });
    expect(quotaWarning({ usage: 0.96 * GB, quota: GB })).toMatchObject({ level: 'critical' });
    expect(quotaWarning({ usage: 0.96 * GB, quota: GB })!.message).toContain('导出备份');
    expect(quotaWarning({ usage: 5 * GB })).toBeNull();
    expect(quotaWarning({ usage: 5, quota: 0 })).toBeNull();
  });
});
