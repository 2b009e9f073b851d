// The Chinese page's check for English left over (i18n.spec.ts, fallback.spec.ts): every Latin word
// it shows must be a kept name (src/i18n/catalogue.ts) or sit in an element marked lang="en" (the
// training log, the language names), in code, or in what the reader typed.
import type { Page } from '@playwright/test';
import { englishWords } from '../src/i18n/catalogue';

/** Visible text, accessible names, titles and placeholders of the page, outside lang="en" and code. */
export async function shownTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const texts: string[] = [];
    // Marked English (the log, language names), code, names not to translate, and what the reader typed.
    const exempt = (el: Element | null) =>
      !!el?.closest('[lang="en"], code, kbd, script, style, [translate="no"], textarea, input');
    const visible = (el: Element) => {
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return box.width > 0 && box.height > 0 && style.visibility !== 'hidden';
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = node.textContent?.trim();
      if (!text || !parent || exempt(parent) || !visible(parent)) continue;
      texts.push(text);
    }
    for (const el of Array.from(document.body.querySelectorAll('[aria-label], [title], [placeholder]'))) {
      if (exempt(el)) continue;
      for (const name of ['aria-label', 'title', 'placeholder']) {
        const value = el.getAttribute(name);
        if (value) texts.push(value);
      }
    }
    texts.push(document.title);
    return texts;
  });
}

/** The reader's own words quoted back ("abc", “warp”) and a link's key=value are theirs, not ours. */
const withoutQuotes = (text: string) => text.replace(/"[^"]*"|“[^”]*”|\b\w+=\S*?(?=[：:\s]|$)/g, ' ');

export async function englishLeft(page: Page): Promise<string[]> {
  return (await shownTexts(page)).filter((text) => englishWords(withoutQuotes(text)).length > 0);
}
