import { describe, expect, it } from 'vitest';
import { translate, translatePlural, type Language } from '../i18n/index.ts';
import {
  isWarning,
  percent,
  verdictText,
  type CameraMaskReport,
  type CameraMaskVerdict,
} from './camera-masks-model.ts';

const words = (lang: Language) => ({
  t: (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
    translate(lang, key, params),
  tn: (
    key: Parameters<typeof translatePlural>[1],
    count: number,
    params?: Parameters<typeof translatePlural>[3],
  ) => translatePlural(lang, key, count, params),
});

function report(verdict: CameraMaskVerdict, uncoveredCount = 0, extraCount = 0): CameraMaskReport {
  return {
    cameraId: 'cam-001',
    readMs: 0,
    verdict,
    unsupportedReason: verdict === 'not_supported' ? 'not_supported' : null,
    cameraMasks: [],
    comparison:
      verdict === 'not_supported'
        ? null
        : {
            vedetta: [],
            camera: [],
            uncoveredCount,
            extraCount,
            disabledCameraMasks: 0,
            tolerance: 0.05,
          },
  };
}

describe('camera mask verdict in words', () => {
  it('says how many areas the camera leaves uncovered, in Italian and English', () => {
    expect(verdictText(report('camera_hides_less', 2), words('it'))).toBe(
      'La telecamera nasconde meno delle maschere di Vedetta: 2 aree non coperte.',
    );
    expect(verdictText(report('camera_hides_less', 1), words('it'))).toBe(
      'La telecamera nasconde meno delle maschere di Vedetta: 1 area non coperta.',
    );
    expect(verdictText(report('camera_hides_less', 2), words('en'))).toBe(
      "The camera hides less than Vedetta's masks: 2 areas not covered.",
    );
  });

  it('has words for every verdict in both languages, none left as a key', () => {
    const all: CameraMaskVerdict[] = [
      'match',
      'camera_hides_less',
      'camera_hides_more',
      'differs',
      'camera_has_none',
      'not_supported',
    ];
    for (const lang of ['it', 'en'] as const) {
      const texts = all.map((v) => verdictText(report(v, 1, 3), words(lang)));
      expect(new Set(texts).size).toBe(all.length);
      for (const text of texts) expect(text).not.toMatch(/privacy\.|\{/);
    }
    expect(verdictText(report('differs', 1, 3), words('it'))).toContain(': 1;');
    expect(verdictText(report('camera_hides_more', 0, 3), words('en'))).toContain('3 of its');
  });

  it('warns when the camera hides less, and writes shares as whole percentages', () => {
    expect(
      ['camera_hides_less', 'differs', 'camera_has_none'].every((v) =>
        isWarning(v as CameraMaskVerdict),
      ),
    ).toBe(true);
    expect(
      ['match', 'camera_hides_more', 'not_supported'].some((v) =>
        isWarning(v as CameraMaskVerdict),
      ),
    ).toBe(false);
    expect([percent(0.954), percent(1), percent(0), percent(1.2)]).toEqual([95, 100, 0, 100]);
  });
});
