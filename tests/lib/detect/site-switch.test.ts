import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSiteEnabled, setSiteEnabled, siteKey } from '../../../lib/detect/site-switch';

describe('site switch', () => {
  it('keys a site by host name, without www or case', () => {
    expect(siteKey('https://WWW.Henan.gov.cn/2024/04-12/1.html')).toBe('henan.gov.cn');
    expect(siteKey(new URL('http://news.example.com:8080/a?b=c'))).toBe('news.example.com');
    expect(siteKey('file:///home/u/page.html')).toBe('file://');
    expect(siteKey('chrome://extensions')).toBeNull();
    expect(siteKey('not a url')).toBeNull();
  });

  it('is on by default and off once switched off, for every page of that site only', () => {
    const off = setSiteEnabled({}, 'https://www.gov.cn/zhengce/1.html', false);
    expect(isSiteEnabled({}, 'https://www.gov.cn/')).toBe(true);
    expect(isSiteEnabled(off, 'https://gov.cn/other/page.html')).toBe(false);
    expect(isSiteEnabled(off, 'https://www.miit.gov.cn/')).toBe(true);
    expect(isSiteEnabled(null, 'about:blank')).toBe(false);
  });

  it('switching off then on restores the settings and never mutates the input', () => {
    fc.assert(
      fc.property(fc.array(fc.domain(), { maxLength: 5 }), fc.domain(), (others, host) => {
        const start = { disabledSites: [...new Set(others.map((o) => siteKey(`https://${o}/`)!))].filter((k) => k !== siteKey(`https://${host}/`)) };
        const frozen = JSON.stringify(start);
        const off = setSiteEnabled(start, `https://${host}/x`, false);
        expect(isSiteEnabled(off, `https://${host}/y`)).toBe(false);
        const on = setSiteEnabled(off, `https://${host}/z`, true);
        expect(isSiteEnabled(on, `https://${host}/`)).toBe(true);
        expect(on.disabledSites).toEqual(start.disabledSites);
        expect(JSON.stringify(start)).toBe(frozen);
      }),
    );
  });
});
