// Reading what a chart drew on its canvas: the texts (axis labels) and where the first
// series' colour lies, for the chart specs.
import { expect, type Locator, type Page } from '@playwright/test';

export const DAY_MS = 86_400_000;
export const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

type Drawn = { text: string; x: number; y: number; h: number };

/** Records every text drawn on a canvas, with where it was drawn (in canvas pixels). */
export async function recordCanvasText(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __drawn: { text: string; x: number; y: number; h: number }[] };
    w.__drawn = [];
    const orig = CanvasRenderingContext2D.prototype.fillText;
    CanvasRenderingContext2D.prototype.fillText = function (text: string, x: number, y: number, max?: number) {
      const m = this.getTransform();
      w.__drawn.push({ text: String(text), x: m.a * x + m.c * y + m.e, y: m.b * x + m.d * y + m.f, h: this.canvas.height });
      return max === undefined ? orig.call(this, text, x, y) : orig.call(this, text, x, y, max);
    };
  });
}

/** Forgets the texts recorded so far (before the chart redraws). */
export async function forgetCanvasText(page: Page) {
  await page.evaluate(() => ((window as unknown as { __drawn: unknown[] }).__drawn = []));
}

/** The distinct texts drawn in the bottom fifth of a canvas (where the time axis is). */
export async function axisLabels(page: Page): Promise<string[]> {
  const drawn = await page.evaluate(() => (window as unknown as { __drawn: Drawn[] }).__drawn);
  return [...new Set(drawn.filter((d) => d.y > d.h * 0.8 && d.text.trim() !== '').map((d) => d.text))];
}

/**
 * Where the first series (colour `--chart-1`) is drawn on the canvas: its leftmost and
 * rightmost pixel columns and the canvas width. Fails the test when the colour is not a hex
 * colour or nothing of it is drawn.
 */
export async function seriesExtent(canvas: Locator): Promise<{ lo: number; hi: number; width: number }> {
  const found = await canvas.evaluate((c: HTMLCanvasElement) => {
    const color = getComputedStyle(c).getPropertyValue('--chart-1').trim();
    const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
    if (!hex) return { error: `unexpected --chart-1: ${color}` };
    const [r, g, b] = [1, 2, 3].map((i) => parseInt(hex[i]!, 16));
    const { data, width, height } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
    let lo = Infinity;
    let hi = -Infinity;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = (y * width + x) * 4;
        if (Math.abs(data[i]! - r!) + Math.abs(data[i + 1]! - g!) + Math.abs(data[i + 2]! - b!) < 40 && data[i + 3]! > 200) {
          lo = Math.min(lo, x);
          hi = Math.max(hi, x);
        }
      }
    }
    return { lo, hi, width };
  });
  expect(found).not.toHaveProperty('error');
  const extent = found as { lo: number; hi: number; width: number };
  expect(Number.isFinite(extent.lo), 'the series is drawn').toBe(true);
  return extent;
}
