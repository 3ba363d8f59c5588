import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FONT_STEP,
  FONT_STEPS,
  THEMES,
  THEME_COLOURS,
  LARGE_TEXT_SCALE,
  clampFontStep,
  fontPercent,
  fontSize,
  parseSettings,
  renditionOptions,
  themeRules,
} from '../../renderer/src/reader/epub/settings.js';

describe('EPUB reader settings', () => {
  it('never lets book content run scripts (epub.js keeps sandbox="allow-same-origin")', () => {
    const options = renditionOptions() as Record<string, unknown>;
    expect(options.allowScriptedContent).toBe(false);
    expect(options.flow).toBe('paginated');
  });

  it('offers several font sizes, clamped', () => {
    expect(FONT_STEPS.length).toBeGreaterThanOrEqual(5);
    expect([...FONT_STEPS]).toEqual([...FONT_STEPS].sort((a, b) => a - b));
    expect(clampFontStep(-3)).toBe(0);
    expect(clampFontStep(99)).toBe(FONT_STEPS.length - 1);
    expect(clampFontStep(Number.NaN)).toBe(DEFAULT_FONT_STEP);
    expect(fontPercent(DEFAULT_FONT_STEP)).toBe(`${FONT_STEPS[DEFAULT_FONT_STEP]}%`);
  });

  it('reads stored settings defensively', () => {
    expect(parseSettings(null)).toEqual({ fontStep: DEFAULT_FONT_STEP, theme: 'light' });
    expect(parseSettings('{"fontStep":4,"theme":"dark"}')).toEqual({ fontStep: 4, theme: 'dark' });
    expect(parseSettings('{"fontStep":40,"theme":"neon"}')).toEqual({ fontStep: FONT_STEPS.length - 1, theme: 'light' });
    expect(parseSettings('not json')).toEqual({ fontStep: DEFAULT_FONT_STEP, theme: 'light' });
    expect(parseSettings('null')).toEqual({ fontStep: DEFAULT_FONT_STEP, theme: 'light' });
  });

  it('makes every step a quarter larger with the station\'s large text', () => {
    expect(LARGE_TEXT_SCALE).toBe(1.25);
    for (let step = 0; step < FONT_STEPS.length; step += 1) {
      expect(fontSize(step, true)).toBe(Math.round(FONT_STEPS[step] * 1.25));
      expect(fontSize(step, true)).toBeGreaterThan(fontSize(step));
    }
    expect(fontPercent(DEFAULT_FONT_STEP, true)).toBe(`${Math.round(FONT_STEPS[DEFAULT_FONT_STEP] * 1.25)}%`);
  });

  it('has a high-contrast theme: black on white, like the app\'s', () => {
    expect(THEME_COLOURS.contrast).toMatchObject({ ink: '#000000', paper: '#ffffff' });
    expect(themeRules('contrast')['a, a *']['text-decoration-thickness']).toBe('2px !important');
    expect(parseSettings('{"fontStep":2,"theme":"contrast"}').theme).toBe('contrast');
  });

  it('has light, sepia, dark and high-contrast themes that override the book colours', () => {
    expect([...THEMES]).toEqual(['light', 'sepia', 'dark', 'contrast']);
    for (const theme of THEMES) {
      const rules = themeRules(theme);
      expect(rules['html, body'].background).toBe(`${THEME_COLOURS[theme].paper} !important`);
      expect(rules['html, body']['touch-action']).toContain('pan-y');
    }
  });
});
