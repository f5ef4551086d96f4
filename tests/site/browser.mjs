// Loads pages of the generated site in Debian's Chromium, as a reader would,
// at a phone's width (390 px) and a desktop's (1280 px), light and dark:
//   - nothing is wider than the window (no horizontal scrolling);
//   - no console error and no uncaught exception;
//   - on each language's index, typing "5.7.26" into the search box lists
//     the page of X.7.26, and following it lands on that page.
// Screenshots go to the folder given as the second argument.
//   node tests/site/browser.mjs build/site build/site-shots
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import path from 'node:path';

const site = path.resolve(process.argv[2] || 'build/site');
const shots = path.resolve(process.argv[3] || 'build/site-shots');
mkdirSync(shots, { recursive: true });

let passed = 0, failed = 0;
function check(ok, what) {
  if (ok) passed++; else { failed++; console.log('FAIL ' + what); }
  return ok;
}

const pages = [
  'index.html',
  'en/index.html', 'ko/index.html', 'ja/index.html', 'fr/index.html',
  'en/vs/235-vs-500.html', 'ko/vs/235-vs-500.html', 'ko/vs/235-vs-530.html',
  'ja/vs/235-vs-502.html', 'fr/vs/235-vs-250.html', 'en/vs/450-vs-550.html',
  'en/code/550.html', 'ja/code/250.html', 'fr/code/421.html',
  'en/enhanced/x.7.26.html', 'ko/enhanced/x.1.1.html',
  'en/reason/user_unknown.html', 'fr/vs/index.html',
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  for (const width of [390, 1280]) {
    for (const scheme of ['light', 'dark']) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
      // Dark mode on a few pages: the colours come from one stylesheet.
      const these = scheme === 'light' ? pages : pages.filter((p) => /index\.html$|235-vs-500/.test(p));
      for (const rel of these) {
        const page = await context.newPage();
        const errors = [];
        page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
        page.on('pageerror', (e) => errors.push(String(e)));
        page.on('requestfailed', (r) => errors.push('request failed: ' + r.url()));
        await page.goto(pathToFileURL(path.join(site, rel)).href);
        const over = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        check(over <= 0, `${rel} at ${width}px ${scheme}: ${over}px wider than the window`);
        check(errors.length === 0, `${rel} at ${width}px ${scheme}: console: ${errors.join(' | ')}`);
        const name = `${rel.replace(/[\/.]/g, '_')}-${width}-${scheme}.png`;
        await page.screenshot({ path: path.join(shots, name), fullPage: rel.includes('/vs/') });
        await page.close();
      }
      await context.close();
    }
  }

  // The search box, in every language, on a phone.
  const context = await browser.newContext({ viewport: { width: 390, height: 900 } });
  for (const lang of ['en', 'ko', 'ja', 'fr']) {
    const page = await context.newPage();
    await page.goto(pathToFileURL(path.join(site, lang, 'index.html')).href);
    const box = page.getByRole('searchbox');
    check(await box.isVisible(), `${lang}: the search box is visible`);
    await box.fill('5.7.26');
    const hit = page.locator('#results a[href="enhanced/x.7.26.html"]');
    check(await hit.count() === 1, `${lang}: searching 5.7.26 lists enhanced/x.7.26.html`);
    if (await hit.count() === 1) {
      await hit.click();
      await page.waitForLoadState();
      check(page.url().endsWith(`/${lang}/enhanced/x.7.26.html`), `${lang}: the result leads to X.7.26 (${page.url()})`);
    }
    if (lang === 'en') {
      await page.goto(pathToFileURL(path.join(site, lang, 'index.html')).href);
      await page.getByRole('searchbox').fill('zzzz-no-such-thing');
      check(await page.locator('#none').isVisible(), 'en: a search with no hit says so');
      await page.getByRole('searchbox').fill('550');
      const first = await page.locator('#results a').first().getAttribute('href');
      check(first === 'code/550.html', `en: searching 550 lists code/550.html first (${first})`);
      await page.screenshot({ path: path.join(shots, 'en_search_550-390.png') });
    }
    await page.close();
  }
  // The page that explains a pasted reply with the library in WebAssembly.
  for (const lang of ['en', 'ko']) {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(pathToFileURL(path.join(site, lang, 'explain.html')).href);
    const form = page.locator('form#explain');
    await form.waitFor({ state: 'visible', timeout: 20000 });
    await page.locator('#reply').fill('550 5.7.26 Unauthenticated email from example.com is not accepted due to domain\'s DMARC policy. - gsmtp');
    await page.locator('#cmd').selectOption('DOT');
    await page.locator('form#explain button').click();
    const h2 = await page.locator('#out h2').first().textContent();
    check(/^550 5\.7\.26/.test(h2 || ''), `${lang} explain: result heading (${h2})`);
    const text = await page.locator('#out').textContent();
    check(/google/i.test(text) || /DMARC/.test(text), `${lang} explain: the provider's or registry's meaning is shown`);
    await page.locator('#reply').fill('hello\n250 ok');
    await page.locator('form#explain button').click();
    check(await page.locator('#out .note').count() === 1, `${lang} explain: a line that is not a reply is said to be so`);
    check(errors.length === 0, `${lang} explain: console: ${errors.join(' | ')}`);
    await page.screenshot({ path: path.join(shots, `${lang}_explain-390.png`), fullPage: true });
    await page.close();
  }
  await context.close();
} finally {
  await browser.close();
}
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
