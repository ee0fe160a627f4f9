/**
 * End-to-end: adding a camera from ONVIF in Debian's Chromium, against the demo city whose
 * simulated cameras are ONVIF devices. An administrator opens "Aggiungi da ONVIF", probes a
 * simulated camera's device service, sees its maker, model, clock and profiles, picks main and
 * sub, and the camera form is filled with the stream URLs; once saved, the camera keeps its
 * ONVIF address and profile tokens and the register shows maker, model, firmware and serial.
 * A wrong address is worded in Italian. Screenshots at 1366×768 and 1920×1080 go to
 * test-output/e2e/.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Demo } from '../../src/cli/demo/start-demo.ts';
import { ensureWebBuilt, launchChromium, shotsDir, startTestCity } from './live-e2e-support.ts';

let demo: Demo;
let browser: Browser | undefined;
let page: Page;

const SIZES = [
  [1366, 768],
  [1920, 1080],
] as const;

async function shots(name: string): Promise<void> {
  for (const [width, height] of SIZES) {
    await page.setViewportSize({ width, height });
    await page.screenshot({
      path: path.join(shotsDir, `onvif-${name}-${width}x${height}.png`),
      fullPage: true,
    });
  }
  await page.setViewportSize({ width: SIZES[0][0], height: SIZES[0][1] });
}

beforeAll(async () => {
  ensureWebBuilt();
  demo = await startTestCity(2);
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
  await page.goto(demo.url);
  await page.getByLabel('Nome utente').fill(demo.username);
  await page.getByLabel('Password').fill(demo.password);
  await page.getByRole('button', { name: 'Accedi' }).click();
  await page.getByRole('button', { name: 'Esci' }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await demo.close();
});

describe('ONVIF onboarding in the cameras tab', () => {
  it('searches for ONVIF devices and shows what answered (or that none did)', async () => {
    await page.goto(`${demo.url}#/admin/cameras`);
    await page.getByRole('button', { name: 'Cerca dispositivi ONVIF' }).click();
    // The demo answers WS-Discovery on 3702 when that port is free (multicast on the host);
    // either way the page shows an answer, never an error.
    await page
      .getByRole('table', { name: 'Dispositivi ONVIF trovati' })
      .or(page.getByText('Nessun dispositivo ONVIF ha risposto.'))
      .waitFor();
    expect(await page.locator('.onvif-panel [role="alert"]').count()).toBe(0);
    await shots('discovery');
  });

  it('probes a simulated camera and adds it from its profiles', async () => {
    const onvif = demo.onvif;
    const sim = demo.simulator;
    if (onvif === undefined || sim === undefined) throw new Error('the demo has no ONVIF devices');
    await page.goto(`${demo.url}#/admin/cameras`);
    await page.getByRole('button', { name: 'Aggiungi da ONVIF' }).click();
    const form = page.locator('form.onvif-probe');

    await form
      .getByLabel('Indirizzo del dispositivo')
      .fill('http://127.0.0.1:1/onvif/device_service');
    await form.getByRole('button', { name: 'Interroga' }).click();
    await form.getByText('il dispositivo non è raggiungibile').waitFor();

    const address = onvif.deviceUrl('cam-002');
    await form.getByLabel('Indirizzo del dispositivo').fill(address);
    await form.getByRole('button', { name: 'Interroga' }).click();
    const result = form.locator('.onvif-result');
    await result.getByText('Vedetta Sim').waitFor();
    expect(await result.getByText('VSIM-cam-002').count()).toBe(1);
    await shots('probe');

    await result.getByLabel('Main come flusso principale').check();
    await result.getByLabel('Sub come flusso secondario').check();
    await result.getByRole('button', { name: 'Compila la scheda della telecamera' }).click();

    const cameraForm = page.locator('form.camera-form');
    await cameraForm.waitFor();
    expect(await cameraForm.getByLabel('Flusso principale (RTSP)').inputValue()).toBe(
      sim.url('cam-002'),
    );
    expect(await cameraForm.getByLabel('Flusso secondario (facoltativo)').inputValue()).toBe(
      sim.url('cam-002', true),
    );
    await cameraForm.getByLabel('Codice').fill('cam-950');
    await cameraForm.getByLabel('Nome', { exact: true }).fill('Da ONVIF');
    await cameraForm.getByLabel('Latitudine').fill('44,1025');
    await cameraForm.getByLabel('Longitudine').fill('9,8241');
    await shots('form');
    await cameraForm.getByRole('button', { name: 'Aggiungi' }).click();
    await page.getByRole('cell', { name: 'cam-950' }).waitFor();

    await page.goto(`${demo.url}#/privacy/cam-950`);
    await page
      .locator('[data-field="device"]')
      .getByText('Dispositivo: Vedetta Sim VS-BULLET-1080 · firmware 1.0.0 · s/n VSIM-cam-002')
      .waitFor();
    await shots('register');

    const camera = await demo.vedetta.services.cameras.get('cam-950');
    expect(camera.onvif).toEqual({ address, profiles: { main: 'main', sub: 'sub' } });
    const entry = await demo.vedetta.services.privacy.register.get('cam-950');
    expect(entry.device).toEqual({
      manufacturer: 'Vedetta Sim',
      model: 'VS-BULLET-1080',
      firmware: '1.0.0',
      serial: 'VSIM-cam-002',
    });
  });
});
