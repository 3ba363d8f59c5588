/**
 * axe-core (WCAG 2 A and AA rules) on the current screen: no 'serious' or 'critical' violation
 * may remain; lesser ones are printed for the record. Shared by every spec that checks screens.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect } from '@playwright/test';
import type { Page } from '@playwright/test';

export async function audit(page: Page, name: string, exclude: string[] = []): Promise<void> {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']);
  for (const selector of exclude) builder = builder.exclude(selector);
  const results = await builder.analyze();
  const lines = results.violations.map(
    (v) => `${v.impact ?? 'unknown'} ${v.id}: ${v.help} — ${v.nodes.length} node(s): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`,
  );
  if (lines.length > 0) console.log(`axe on ${name}:\n  ${lines.join('\n  ')}`);
  const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(blocking.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(' | ')})`), `serious or critical axe violations on ${name}`).toEqual([]);
}
