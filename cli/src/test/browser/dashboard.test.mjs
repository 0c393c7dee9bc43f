// tlsrpt dashboard in a real browser: headless Chromium from Debian, driven by Playwright.
// Input (environment): DASHBOARD_URL (the URL the command printed), EXPECTED (JSON: day, successful,
// failed, destination, reportId: what the test read from the emulator itself), SCREENSHOT (a PNG path).
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import http from 'node:http';
import assert from 'node:assert/strict';

const url = new URL(process.env.DASHBOARD_URL);
const expected = JSON.parse(process.env.EXPECTED);
const screenshot = process.env.SCREENSHOT;

/** A raw request with the headers given (the browser would not let a page set Host). */
function request(path, headers) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, path, headers, timeout: 10000 }, res => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

// Nothing without the token, nothing for another Host (DNS rebinding), nothing but GET.
assert.equal(await request('/api/day', { Host: url.host }), 403, 'no cookie: refused');
assert.equal(await request(url.pathname + url.search, { Host: 'attacker.example:' + url.port }), 421, 'foreign Host: refused');
assert.equal(await request('/?token=wrong', { Host: url.host }), 403, 'wrong token: refused');

const profile = mkdtempSync(join(tmpdir(), 'tlsrpt-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1400, height: 1000 },
  timeout: 60000,
});
try {
  const page = context.pages()[0] ?? await context.newPage();
  const consoleErrors = [];
  page.on('console', message => { if (message.type() === 'error') consoleErrors.push(message.text()); });
  page.on('pageerror', error => consoleErrors.push(error.message));

  await page.goto(url.href);
  assert.equal(new URL(page.url()).search, '', 'the token leaves the address bar');
  await page.waitForSelector('body[data-ready]', { timeout: 60000 });
  assert.equal(await page.getAttribute('body', 'data-ready'), 'true', await page.textContent('#error'));

  // The numbers equal the stored counters, read independently by the test.
  assert.equal(await page.inputValue('#day'), expected.day);
  const number = async selector => Number((await page.textContent(selector)).replaceAll(',', ''));
  assert.equal(await number('#day-successful'), expected.successful, 'successful sessions of the day');
  assert.equal(await number('#day-failed'), expected.failed, 'failed sessions of the day');
  const chartFailed = await page.evaluate(day => {
    const chart = Chart.getChart('sessions-chart');
    const i = chart.data.labels.indexOf(day.slice(5));
    return chart.data.datasets.find(d => d.label === 'failed').data[i];
  }, expected.day);
  assert.equal(chartFailed, expected.failed, 'the chart shows the same failed sessions');
  assert.ok(await page.locator('#failing-domains tbody tr').count() > 0, 'failing domains listed');
  assert.ok(await page.locator('#failing-mx tbody tr').count() > 0, 'failing MX hosts listed');
  assert.ok((await page.textContent('#suppressions')).includes('bounced@example.com'), 'suppression list shown');

  // A destination's report opens: its JSON, read out of the sent copy the worker kept.
  const row = page.locator(`#reports tr[data-destination="${expected.destination}"]`);
  const [reportPage] = await Promise.all([context.waitForEvent('page'), row.locator('[data-testid=report-link]').click()]);
  await reportPage.waitForLoadState();
  const report = JSON.parse(await reportPage.evaluate(() => document.body.innerText));
  assert.equal(report['report-id'], expected.reportId);
  await reportPage.close();
  const [copyPage] = await Promise.all([context.waitForEvent('page'), row.locator('[data-testid=sent-copy][href$=".eml"]').first().click()]);
  await copyPage.waitForLoadState();
  const copy = await copyPage.evaluate(() => document.body.innerText);
  assert.match(copy, /^DKIM-Signature:/m, 'the sent copy is the signed message');
  assert.ok(copy.replace(/\r?\n[ \t]+/g, ' ').includes('Report-ID: <' + expected.reportId + '>'), 'the sent copy is this report\'s');
  await copyPage.close();

  await page.screenshot({ path: screenshot, fullPage: true });
  assert.deepEqual(consoleErrors, [], 'no errors in the page');
  console.log('dashboard checked: ' + expected.successful + ' successful, ' + expected.failed + ' failed on ' + expected.day
    + '; report ' + expected.reportId + ' opened; screenshot ' + screenshot);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
