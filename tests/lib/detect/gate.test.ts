import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { countHan, gatePage, urlKind } from '../../../lib/detect/gate';
import { makeTranslate, reasonText } from '../../../lib/i18n';

const doc = (body: string) => parseHTML(`<!doctype html><html><head><title>t</title></head><body>${body}</body></html>`).document as unknown as Document;
const para = (n: number) => `<p>${'为推动制造业高质量发展，我省将实施技术创新能力提升行动。'.repeat(n)}</p>`;
const links = (n: number) => `<ul>${Array.from({ length: n }, (_, i) => `<li><a href="/a/${i}.html">关于印发第${i}项重点工作实施方案的通知</a><span>2024-01-0${i % 9 + 1}</span></li>`).join('')}</ul>`;

describe('gatePage', () => {
  const cases: Array<[string, string, string, boolean, RegExp]> = [
    ['English page', '<p>' + 'Quarterly results beat expectations. '.repeat(50) + '</p>', 'https://example.com/news/1.html', false, /^-gate\.no-chinese$/],
    ['a few Chinese words', '<p>欢迎访问本站</p>', 'https://example.com/a.html', false, /^-gate\.little-chinese$/],
    ['article with navigation', `<nav>${links(8)}</nav>${para(12)}`, 'https://www.example.gov.cn/art/2024/3/1/art_1_2.html', true, /^\+gate\.prose$/],
    ['list page', `${links(60)}<p>共60条</p>`, 'https://www.example.gov.cn/zwgk/zcwj/index_2.html', false, /^-gate\.(?:list|mostly-links)$/],
    ['home page of links and blurbs', `${links(40)}${para(1)}`, 'https://www.example.gov.cn/', false, /^-gate\.(?:home|mostly-links)$/],
    ['search results', `${links(20)}${para(1)}`, 'https://www.example.gov.cn/search?q=%E6%96%B9%E6%A1%88', false, /^-gate\.(?:search|mostly-links)$/],
    ['login form', `<form><p>请输入用户名和密码登录本系统，忘记密码请联系管理员。</p><input name="u"><input type="password" name="p"></form>${'<div>用户服务协议　隐私政策　帮助中心　联系我们　网站备案信息</div>'.repeat(4)}`, 'https://example.com/user.html', false, /^-gate\.login$/],
    ['article under a header login form', `<div class="header"><form><input name="u"><input type="password" name="p"><a href="/reg">注册</a></form></div>${para(4)}`, 'https://www.example.gov.cn/art/2024/3/1/art_1_2.html', true, /^\+gate\.prose$/],
  ];
  for (const [name, body, url, pass, reason] of cases) {
    it(`${name}: ${pass ? 'passes' : 'stops'}`, () => {
      const g = gatePage(doc(body), url);
      expect(g.pass).toBe(pass);
      expect(g.reason).toMatch(reason);
      // The reader sees the reason in words, in either language.
      for (const locale of ['zh-CN', 'en'] as const) expect(reasonText(g.reason, g.pass, makeTranslate(locale))).not.toBe(g.reason);
    });
  }

  it('counts the text a reader sees, not inline scripts and styles before it', () => {
    const code = `<script>var cfg = ${JSON.stringify('x'.repeat(80_000))};</script><style>${'.a{color:red}'.repeat(5000)}</style>`;
    const g = gatePage(doc(`${code}${para(6)}`), 'https://www.example.gov.cn/tjgb/202304/abc.shtml');
    expect(g.pass).toBe(true);
    expect(g.han).toBe(countHan(para(6)));
    // Han characters inside scripts do not count either.
    expect(gatePage(doc(`<script>var s = "${'政策'.repeat(200)}";</script><p>欢迎访问本站</p>`), 'https://example.com/a.html').reason).toBe('-gate.little-chinese');
  });

  it('short policy news (a few hundred characters) still passes', () => {
    expect(gatePage(doc(para(6)), 'https://news.example.com/2024/0305/c1.html').pass).toBe(true);
  });

  it('reads no layout: works on a DOM without innerText', () => {
    const d = doc(para(20));
    Object.defineProperty(d.body, 'innerText', { get: () => { throw new Error('layout read'); } });
    expect(gatePage(d, 'https://example.com/a.html').pass).toBe(true);
  });
});

describe('urlKind', () => {
  const cases: Array<[string, string]> = [
    ['https://www.gov.cn/', 'home'],
    ['https://www.henan.gov.cn/index.html', 'home'],
    ['https://www.miit.gov.cn/search/index.html?q=中试', 'search'],
    ['https://passport.example.com/login?from=x', 'login'],
    ['https://www.gov.cn/zhengce/zhengceku/list_2.html', 'list'],
    ['https://www.gov.cn/zhengce/content/2024-03/20/content_6940000.htm', 'article'],
    ['http://www.shanxi.gov.cn/zwgk/zcwj/201803/t20180327_3949070.html', 'article'],
    ['not a url', 'other'],
  ];
  for (const [url, kind] of cases) it(`${url} → ${kind}`, () => expect(urlKind(url)).toBe(kind));
});

describe('gatePage on a short article inside heavy navigation', () => {
  it('passes: one real paragraph outweighs a wall of links', () => {
    const p = '<p>国务院总理在政府工作报告中提出，今年发展主要预期目标是国内生产总值增长5%左右，城镇新增就业1200万人以上，城镇调查失业率5.5%左右。</p>';
    const body = `${links(25)}<div class="art">${p}${p}</div>${links(10)}`;
    const g = gatePage(doc(body), 'https://news.example.com/2024/0305/c1.html');
    expect(g.linkShare).toBeGreaterThan(0.7);
    expect(g.pass).toBe(true);
  });
});
