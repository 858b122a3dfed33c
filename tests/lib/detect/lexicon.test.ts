import { describe, expect, it } from 'vitest';
import { records, words } from '../../../lib/lexicon';
import {
  CITY_PROVINCE, MUNICIPALITIES, NATIONAL_AGENCIES, PROVINCE_ABBR, PROVINCE_NAMES, PROVINCES,
} from '../../../lib/detect/lexicon';
import { hostRegion } from '../../../lib/detect/page-meta';

// The place tables are built from lib/lexicon/place.json: a mistyped record there would silently
// make a lookup miss, so the records are checked against each other.
describe('place tables from place.json', () => {
  it('every province splits into a short name and its ending, and back', () => {
    expect(PROVINCES).toHaveLength(words('place.provinces').length);
    PROVINCES.forEach(([name, ending], i) => {
      expect(name.length).toBeGreaterThanOrEqual(2);
      expect(words('place.province-endings')).toContain(ending);
      expect(name + ending).toBe(words('place.provinces')[i]);
    });
    expect(PROVINCES).toContainEqual(['广西', '壮族自治区']);
    expect([...MUNICIPALITIES].sort()).toEqual(['上海', '北京', '天津', '重庆'].sort());
  });

  it('records name known provinces', () => {
    for (const p of [...Object.values(PROVINCE_ABBR), ...Object.values(CITY_PROVINCE), ...records('hosts.gov').map((r) => r[0]!)]) expect(PROVINCE_NAMES).toContain(p);
    for (const a of Object.keys(PROVINCE_ABBR)) expect([...a]).toHaveLength(1);
    expect(PROVINCE_ABBR['晋']).toBe('山西');
    expect(PROVINCE_ABBR['滇']).toBe('云南');
    expect(CITY_PROVINCE['太原']).toBe('山西');
    expect(hostRegion('www.sd.gov.cn').region).toBe('山东');
    // A label that is an Object.prototype key names no province.
    expect(hostRegion('constructor.gov.cn')).toEqual({ region: null, gov: true });
  });

  it('a national body is matched by its canonical name and each of its other forms', () => {
    for (const r of records('place.national-agencies')) expect(new Set(r).size).toBe(r.length);
    const ndrc = NATIONAL_AGENCIES.find(([canon]) => canon === '国家发展改革委');
    expect(ndrc?.[1]).toEqual(['国家发展改革委', '国家发展和改革委员会', '国家发改委', '发展改革委']);
  });
});
