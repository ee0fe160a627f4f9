/**
 * End-to-end: the demo city served by the real `vedetta demo` command, driven in Debian's
 * Chromium. Signs in with a wrong and then the printed password, checks the camera list, switches
 * to English, signs out. Screenshots go to test-output/e2e/ for a person to look at.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const shotsDir = path.join(repoRoot, 'test-output', 'e2e');
const CAMERAS = 5;
/** How long the demo may take to print its banner (migrations, seeding, simulator start). */
const READY_TIMEOUT_MS = 90_000;

interface Demo {
  process: ChildProcessWithoutNullStreams;
  webUrl: string;
  user: string;
  password: string;
}

/** Builds web/dist if it is missing (root `npm test` builds it before vitest). */
function ensureWebBuilt(): void {
  if (fs.existsSync(path.join(repoRoot, 'web', 'dist', 'index.html'))) return;
  const built = spawnSync('npm', ['run', 'build', '-w', 'web'], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  if (built.status !== 0) {
    throw new Error(`npm run build -w web failed:\n${built.stdout}\n${built.stderr}`);
  }
}

/** Starts `vedetta demo` and resolves once it has printed its address and credentials. */
function startDemo(dataDir: string): Promise<Demo> {
  const child = spawn(
    process.execPath,
    ['server/bin/vedetta.mjs', 'demo', '--port', '0', '--data', dataDir, '--cameras', `${CAMERAS}`],
    { cwd: repoRoot, env: { ...process.env, NO_COLOR: '1' } },
  );
  demoProcess = child;
  return new Promise<Demo>((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const fail = (why: string) => {
      clearTimeout(timer);
      reject(
        new Error(`${why}\n--- stdout ---\n${stdout}\n--- stderr ---\n${stderr.slice(-4000)}`),
      );
    };
    const timer = setTimeout(
      () => fail(`vedetta demo printed no ready banner within ${READY_TIMEOUT_MS} ms`),
      READY_TIMEOUT_MS,
    );
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!stdout.includes('Vedetta demo ready')) return;
      const webUrl = /^\s*web:\s*(http\S+)\s*$/m.exec(stdout)?.[1];
      const user = /^\s*user:\s*(\S+)\s*$/m.exec(stdout)?.[1];
      const password = /^\s*password:\s*(\S+)\s*$/m.exec(stdout)?.[1];
      if (webUrl === undefined || user === undefined || password === undefined) return;
      clearTimeout(timer);
      resolve({ process: child, webUrl, user, password });
    });
    child.on('error', (error) => fail(`could not start vedetta demo: ${error.message}`));
    child.on('exit', (code, signal) =>
      fail(`vedetta demo exited before it was ready (code ${code}, signal ${signal})`),
    );
  });
}

/** Stops the demo: SIGTERM, then SIGKILL if it has not exited within 10 s. */
async function stopDemo(child: ChildProcessWithoutNullStreams | undefined): Promise<void> {
  if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

let demoProcess: ChildProcessWithoutNullStreams | undefined;
let dataDir = '';
let demo: Demo;
let browser: Browser | undefined;
let page: Page;

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: path.join(shotsDir, `${name}.png`), fullPage: true });
}

beforeAll(async () => {
  ensureWebBuilt();
  fs.mkdirSync(shotsDir, { recursive: true });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vedetta-'));
  demo = await startDemo(dataDir);
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await stopDemo(demoProcess);
  if (dataDir !== '') fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('web application against the demo city', () => {
  it('shows the sign-in page in Italian and refuses a wrong password', async () => {
    await page.goto(demo.webUrl);
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('it');
    await page.getByRole('heading', { name: 'Accesso operatore' }).waitFor();

    await page.getByLabel('Nome utente').fill(demo.user);
    await page.getByLabel('Password').fill(`${demo.password}-wrong`);
    await page.getByRole('button', { name: 'Accedi' }).click();

    const alert = page.getByTestId('login-error');
    await expect
      .poll(() => alert.textContent(), { timeout: 15_000 })
      .toBe('Nome utente o password non validi.');
    await shot('01-login-wrong-password-it');
  });

  it('signs in with the printed password and lists the demo cameras', async () => {
    await page.getByLabel('Password').fill(demo.password);
    await page.getByRole('button', { name: 'Accedi' }).click();

    await page.getByRole('heading', { name: 'Telecamere' }).waitFor({ timeout: 15_000 });
    await expect.poll(() => page.getByTestId('camera-count').textContent()).toBe('5 telecamere');
    await expect.poll(() => page.locator('[data-camera-id]').count()).toBe(CAMERAS);
    expect(await page.getByTestId('header-user').textContent()).toContain(demo.user);
    await shot('02-cameras-it');

    const first = page.locator('[data-camera-id]').first();
    const name = await first.locator('.camera-name').textContent();
    await first.click();
    await page.getByRole('heading', { name: name ?? '' }).waitFor();
    await page.getByText('Scheda del registro').waitFor();
    await shot('03-camera-details-it');
  });

  it("shows each camera's live status from the server", async () => {
    // The demo's cameras connect to the simulator within seconds; the list asks for statuses
    // when it loads, so reload until the recorder's cameras are seen online.
    await expect
      .poll(
        async () => {
          await page.reload();
          await page.locator('[data-camera-id]').first().waitFor();
          await page.waitForLoadState('networkidle');
          return page.locator('[data-camera-id] .status-online').count();
        },
        { timeout: 45_000, interval: 1000 },
      )
      .toBeGreaterThan(0);
    await page.getByText('In linea').first().waitFor();
  });

  it('narrows the list by search, and the list survives a trip to another section', async () => {
    const firstId = await page.locator('[data-camera-id]').first().getAttribute('data-camera-id');
    await page.getByLabel('Cerca telecamera').fill(firstId ?? '');
    await expect.poll(() => page.locator('[data-camera-id]').count()).toBe(1);
    await page.getByLabel('Cerca telecamera').fill('');

    await page.getByRole('link', { name: 'Mappa' }).click();
    await expect.poll(() => page.url()).toContain('#/map');
    await page.getByRole('link', { name: 'Telecamere' }).click();
    await expect.poll(() => page.locator('[data-camera-id]').count()).toBe(CAMERAS);
  });

  it('switches to English, and the choice survives a reload', async () => {
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByRole('heading', { name: 'Cameras' }).waitFor();
    expect(await page.getByTestId('camera-count').textContent()).toBe('5 cameras');
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(1);
    await shot('04-cameras-en');

    await page.reload();
    await page.getByRole('heading', { name: 'Cameras' }).waitFor({ timeout: 15_000 });
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
  });

  it('signs out back to the sign-in page, and the session is gone', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Operator sign-in' }).waitFor({ timeout: 15_000 });
    await shot('05-after-logout-en');

    const session = await page.request.get(new URL('/api/session', demo.webUrl).toString());
    expect(session.status()).toBe(401);
    await page.reload();
    await page.getByRole('heading', { name: 'Operator sign-in' }).waitFor({ timeout: 15_000 });
  });
});
