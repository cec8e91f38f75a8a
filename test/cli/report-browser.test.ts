/**
 * The readiness report in a real browser (Debian's headless Chromium, installed by .ci/run): it loads from a
 * file:// URL without console errors or requests for anything else, shows the counts the linter finds, and a
 * screenshot of it is not blank.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { runCli, tempTree } from '../helpers/cli.js';

const CHROMIUM = '/usr/bin/chromium';
// On a developer's machine without Chromium the test is skipped; CI installs it, so there it must run.
const available = fs.existsSync(CHROMIUM);
if (!available && process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run should have installed Debian's chromium`);

const REVIEWS: Record<string, string> = {
  'reviews/child-a.md': `# Review of Child A

## Analysis

Staff found Child A troublesome at school, and the mother refused to engage.

Research shows that children who go missing are at greater risk.

<!-- review-lint-disable-next-line blame-language -- quoted from the police log -->

The police log said she was putting herself at risk.

## Leadership and management oversight

Senior managers knew about the caseload pressures in the team and did not act. The head of service did not
review supervision records, and middle managers accepted caseloads of forty children per worker. The decisions
managers made about resources and oversight are analysed here.
`,
  'reviews/child-b.md': `# Review of Child B

## Analysis

The family were troublesome. Her date of birth (12 June 2009) was on every form. Around 70% of such children are exploited.
`,
  'reviews/child-c.md': `# Review of Child C <script>document.title = 'pwned'</script>

## Analysis

The mother refused to engage with the health visitor.
`,
};

interface JsonFinding {
  file: string;
  ruleId: string;
  severity: string;
}

let context: BrowserContext;
let userDataDir: string;

async function open(file: string): Promise<{ page: Page; problems: string[] }> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  page.on('request', (r) => {
    if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) problems.push(`request to ${r.url()}`);
  });
  const response = await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  expect(response?.ok() ?? true).toBe(true);
  return { page, problems };
}

/** Distinct colours in a PNG, counted by decoding it in the browser and reading a canvas (sampled grid). */
async function distinctColours(png: Buffer): Promise<number> {
  const page = await context.newPage();
  try {
    await page.setContent('<canvas id="c"></canvas>');
    // Browser code as a string: this project type-checks without the DOM library.
    const count = await page.evaluate(`(async (dataUrl) => {
      const img = new Image();
      img.src = dataUrl;
      await img.decode();
      const canvas = document.getElementById('c');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const ctx = canvas.getContext('2d');
      ctx.drawImage(img, 0, 0);
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      const colours = new Set();
      for (let i = 0; i < data.length; i += 4 * 3) colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
      return colours.size;
    })(${JSON.stringify(`data:image/png;base64,${png.toString('base64')}`)})`);
    return count as number;
  } finally {
    await page.close();
  }
}

describe.skipIf(!available)('the readiness report in Chromium', () => {
  let dir: string;
  let reportFile: string;
  let findings: JsonFinding[];

  beforeAll(async () => {
    dir = tempTree(REVIEWS);
    reportFile = path.join(dir, 'report.html');
    const r = runCli(['report', 'reviews', '--out', reportFile], { cwd: dir });
    expect(r.code, r.stderr).toBe(1); // the date of birth is an error before publication
    findings = JSON.parse(runCli(['--format', 'json', '--profile', 'publication', 'reviews'], { cwd: dir }).stdout) as JsonFinding[];
    userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'review-lint-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1100, height: 1400 },
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    if (userDataDir) fs.rmSync(userDataDir, { recursive: true, force: true });
  });

  it('loads without console errors or outside requests and shows the linter’s counts', async () => {
    const { page, problems } = await open(reportFile);
    try {
      const text = (await page.locator('body').innerText()).replace(/\s+/g, ' ');
      const count = (s: string) => findings.filter((f) => f.severity === s).length;
      expect(count('error')).toBeGreaterThan(0);
      expect(text).toContain(`${count('error')} must fix`);
      expect(text).toContain(`${count('warning')} should fix`);
      // Two of the three reviews have no managers' accountability section.
      const withoutManagers = new Set(findings.filter((f) => f.ruleId === 'manager-accountability').map((f) => f.file)).size;
      expect(withoutManagers).toBe(2);
      expect(text).toContain(`${3 - withoutManagers} of 3 reviews`);
      const uses = findings.filter((f) => f.ruleId === 'blame-language' && f.severity === 'warning').length;
      expect(uses).toBeGreaterThan(0);
      expect(text).toContain('refused to engage');
      expect(text).toContain('quoted from the police log');
      // The <script> in a review's title is shown as text and never ran.
      expect(text).toContain("<script>document.title = 'pwned'</script>");
      expect(await page.title()).not.toBe('pwned');
      expect(await page.locator('script').count()).toBe(0);
      expect(await page.locator('svg[role="img"]').count()).toBeGreaterThanOrEqual(3);
      expect(await page.locator('nav.toc a').count()).toBe(4);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('is not blank: a screenshot has many colours, where a blank page has one', async () => {
    const { page, problems } = await open(reportFile);
    try {
      const shot = await page.screenshot({ fullPage: false });
      fs.writeFileSync(path.join(dir, 'report.png'), shot);
      await page.setContent('<!doctype html><title>blank</title><body></body>');
      const blank = await page.screenshot({ fullPage: false });
      const blankColours = await distinctColours(blank);
      const reportColours = await distinctColours(shot);
      expect(blankColours).toBeLessThanOrEqual(2);
      expect(reportColours).toBeGreaterThan(20);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
