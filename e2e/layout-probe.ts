// What the responsive spec measures, run inside the page (page.evaluate serializes the function, so
// it must not use anything from outside its body). Each problem is one readable line, so that a
// failure names the element and the numbers instead of saying "false".

export interface LayoutProbe {
  problems: string[];
  /** Bounding boxes of the views, for assertions about how the space is used. */
  charts: Record<string, { left: number; top: number; width: number; height: number }>;
  rootFontPx: number;
}

export function probeLayout(): LayoutProbe {
  const problems: string[] = [];
  const vw = window.innerWidth;
  const SLACK = 1; // sub-pixel rounding
  const MIN_TARGET = 24; // WCAG 2.5.8, target size (minimum)
  const MIN_CHART_TEXT = 11; // axis labels smaller than this are not read, on a phone or a projector

  const describe = (el: Element): string => {
    const cls =
      typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
    const label =
      el.getAttribute('aria-label') ??
      ((el as HTMLInputElement).labels?.[0]?.textContent ?? (el as HTMLElement).innerText ?? '').trim().slice(0, 40);
    return `${el.tagName.toLowerCase()}${cls}${label ? ` "${label}"` : ''}`;
  };
  const shown = (el: Element) => el.checkVisibility({ visibilityProperty: true, opacityProperty: false });
  const px = (n: number) => Math.round(n * 10) / 10;

  // 1. The page itself never scrolls sideways.
  const pageWidth = document.documentElement.scrollWidth;
  if (pageWidth > vw) problems.push(`page scrolls sideways: scrollWidth ${pageWidth} > innerWidth ${vw}`);

  // 2. Controls: shown, inside the viewport's width, big enough to hit, and not on top of each other.
  //    A checkbox's target is the box with its label (clicking the label toggles it).
  const controls = Array.from(
    document.querySelectorAll('.app button, .app input, .app select, .app textarea, .app summary'),
  ).filter((el) => !el.closest('dialog:not([open])'));
  const targets: { el: Element; rect: DOMRect }[] = [];
  for (const el of controls) {
    if (!shown(el)) {
      problems.push(`${describe(el)} is not visible`);
      continue;
    }
    let rect = el.getBoundingClientRect();
    // A visually hidden file input (CustomDataField) is operated through its label: that is the target.
    if (
      el instanceof HTMLInputElement &&
      el.type === 'file' &&
      getComputedStyle(el).opacity === '0' &&
      el.labels?.[0]
    ) {
      rect = el.labels[0].getBoundingClientRect();
    }
    const labels = el instanceof HTMLInputElement && el.type === 'checkbox' ? Array.from(el.labels ?? []) : [];
    for (const label of labels) {
      const l = label.getBoundingClientRect();
      const left = Math.min(rect.left, l.left);
      const top = Math.min(rect.top, l.top);
      rect = new DOMRect(left, top, Math.max(rect.right, l.right) - left, Math.max(rect.bottom, l.bottom) - top);
    }
    if (rect.left < -SLACK || rect.right > vw + SLACK) {
      problems.push(`${describe(el)} is outside the viewport's width: ${px(rect.left)}..${px(rect.right)} of ${vw}`);
    }
    if (rect.height < MIN_TARGET - SLACK)
      problems.push(`${describe(el)} is ${px(rect.height)} px tall (< ${MIN_TARGET})`);
    if (rect.width < MIN_TARGET - SLACK)
      problems.push(`${describe(el)} is ${px(rect.width)} px wide (< ${MIN_TARGET})`);
    targets.push({ el, rect });
  }
  for (let i = 0; i < targets.length; i++) {
    for (let j = i + 1; j < targets.length; j++) {
      const a = targets[i];
      const b = targets[j];
      if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
      const dx = Math.min(a.rect.right, b.rect.right) - Math.max(a.rect.left, b.rect.left);
      const dy = Math.min(a.rect.bottom, b.rect.bottom) - Math.max(a.rect.top, b.rect.top);
      if (dx > SLACK && dy > SLACK)
        problems.push(`${describe(a.el)} overlaps ${describe(b.el)} by ${px(dx)}×${px(dy)} px`);
    }
  }

  // 3. The views have a size and fit the viewport's width; no text inside a chart is cut off at its edge.
  const CHARTS: Record<string, string> = {
    loss: 'figure.loss-chart .recharts-wrapper > svg.recharts-surface',
    composition: 'figure.batch-composition canvas.batch-canvas',
    fit: 'figure.fit-view svg.fit-svg',
    params: 'figure.param-space svg.param-svg',
    log: '.log',
  };
  // The throughput lab's charts when a sweep has drawn them.
  document.querySelectorAll('.throughput-charts .recharts-wrapper > svg.recharts-surface').forEach((_, i) => {
    CHARTS[`throughput ${i + 1}`] =
      `.throughput-charts > :nth-child(${i + 1}) .recharts-wrapper > svg.recharts-surface`;
  });
  const charts: LayoutProbe['charts'] = {};
  for (const [name, selector] of Object.entries(CHARTS)) {
    const el = document.querySelector(selector);
    if (!el) {
      problems.push(`${name}: ${selector} not found`);
      continue;
    }
    const r = el.getBoundingClientRect();
    charts[name] = { left: r.left, top: r.top, width: r.width, height: r.height };
    if (r.width < 1 || r.height < 1) problems.push(`${name} has no size: ${px(r.width)}×${px(r.height)}`);
    if (r.left < -SLACK || r.right > vw + SLACK)
      problems.push(`${name} is outside the viewport's width: ${px(r.left)}..${px(r.right)} of ${vw}`);
    if (el instanceof SVGSVGElement) {
      // A viewBox scales its text with the picture: on a phone it must not shrink out of reading.
      const scale = el.getScreenCTM()?.a ?? 1;
      for (const text of Array.from(el.querySelectorAll('text'))) {
        const t = text.getBoundingClientRect();
        if (t.width === 0) continue;
        if (
          t.left < r.left - SLACK ||
          t.right > r.right + SLACK ||
          t.top < r.top - SLACK ||
          t.bottom > r.bottom + SLACK
        ) {
          problems.push(`${name}: text "${text.textContent}" is cut off by the chart's edge`);
        }
        const fontPx = Number.parseFloat(getComputedStyle(text).fontSize) * scale;
        if (fontPx < MIN_CHART_TEXT)
          problems.push(`${name}: text "${text.textContent}" is ${px(fontPx)} px (< ${MIN_CHART_TEXT})`);
      }
      // Axis labels that grow with the type but not their room end up on top of each other.
      const texts = Array.from(el.querySelectorAll('text'))
        .map((t) => ({ t, r: t.getBoundingClientRect() }))
        .filter(({ r }) => r.width > 0);
      texts.forEach((a, i) =>
        texts.slice(i + 1).forEach((b) => {
          const dx = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
          const dy = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
          if (dx > SLACK && dy > SLACK)
            problems.push(`${name}: text "${a.t.textContent}" overlaps "${b.t.textContent}"`);
        }),
      );
    }
  }

  // 3b. A recharts legend sits above its plot, not on it (a fixed legend height breaks when it wraps).
  for (const wrapper of Array.from(document.querySelectorAll('.app .recharts-wrapper'))) {
    const grid = wrapper.querySelector('.recharts-cartesian-grid, .loss-grid');
    if (!grid) continue;
    const plot = [grid, ...Array.from(wrapper.querySelectorAll(':scope > svg text'))]
      .map((e) => e.getBoundingClientRect())
      .filter((o) => o.width > 0);
    // The items, not the wrapper: recharts gives the wrapper the height it was told, whatever wraps inside.
    for (const item of Array.from(wrapper.querySelectorAll('.recharts-legend-item, .chart-legend li'))) {
      const l = item.getBoundingClientRect();
      const hits = plot.filter(
        (o) =>
          Math.min(l.right, o.right) - Math.max(l.left, o.left) > SLACK &&
          Math.min(l.bottom, o.bottom) - Math.max(l.top, o.top) > SLACK,
      );
      if (hits.length > 0)
        problems.push(`${describe(item)}: the legend item covers the plot (${hits.length} overlaps)`);
    }
  }

  // 4. Nothing clips text: a box that hides or paint-contains its overflow must have none, and a
  //    scrolling box may scroll sideways only where it is meant to (the log, tables).
  const SIDEWAYS_OK = '.log, .table-scroll';
  const DOWNWARDS_OK = '.log, .batch-scroller, .sidebar, .table-scroll';
  for (const el of Array.from(document.querySelectorAll('.app *'))) {
    if (el instanceof SVGElement && !(el instanceof SVGSVGElement)) continue;
    if (!(el instanceof HTMLElement) || el.clientWidth === 0 || !shown(el)) continue;
    if (getComputedStyle(el).opacity === '0') continue; // shows nothing, so nothing of it is seen cut off
    const s = getComputedStyle(el);
    const paintContained = /paint|strict|content/.test(s.contain);
    const wide = el.scrollWidth > el.clientWidth + SLACK;
    const tall = el.scrollHeight > el.clientHeight + SLACK;
    const clips = (overflow: string) => overflow === 'hidden' || overflow === 'clip' || paintContained;
    const scrolls = (overflow: string) => overflow === 'auto' || overflow === 'scroll';
    if (wide && (clips(s.overflowX) || (scrolls(s.overflowX) && !el.matches(SIDEWAYS_OK)))) {
      problems.push(
        `${describe(el)} cuts off its content sideways: scrollWidth ${el.scrollWidth} > clientWidth ${el.clientWidth} (overflow-x ${s.overflowX})`,
      );
    }
    if (tall && (clips(s.overflowY) || (scrolls(s.overflowY) && !el.matches(DOWNWARDS_OK)))) {
      problems.push(
        `${describe(el)} cuts off its content downwards: scrollHeight ${el.scrollHeight} > clientHeight ${el.clientHeight} (overflow-y ${s.overflowY})`,
      );
    }
    // Text that spills out of a visible box runs over its neighbours: also a layout bug.
    if (wide && s.overflowX === 'visible' && !paintContained && el.closest(SIDEWAYS_OK) === null) {
      problems.push(
        `${describe(el)} spills over its right edge: scrollWidth ${el.scrollWidth} > clientWidth ${el.clientWidth}`,
      );
    }
  }

  return { problems, charts, rootFontPx: Number.parseFloat(getComputedStyle(document.documentElement).fontSize) };
}

/**
 * The first screen, as the page is scrolled now: each figure named in `figures` (a CSS selector per
 * name) whole inside the viewport, and the text of its SVG charts at least `minTextPx` on screen,
 * inside its SVG (axis titles included) and clear of every other text of that figure. One line per problem.
 */
export function probeFirstScreen(args: { figures: Record<string, string>; minTextPx: number }): string[] {
  const problems: string[] = [];
  const SLACK = 1;
  const px = (n: number) => Math.round(n * 10) / 10;
  const { innerWidth: vw, innerHeight: vh } = window;
  for (const [name, selector] of Object.entries(args.figures)) {
    const figure = document.querySelector(selector);
    if (!figure) {
      problems.push(`${name}: ${selector} not found`);
      continue;
    }
    const f = figure.getBoundingClientRect();
    if (f.left < -SLACK || f.top < -SLACK || f.right > vw + SLACK || f.bottom > vh + SLACK)
      problems.push(
        `${name} is not whole on the screen: ${px(f.left)},${px(f.top)}..${px(f.right)},${px(f.bottom)} of ${vw}×${vh}`,
      );
    const texts: { text: string; r: DOMRect }[] = [];
    for (const svg of Array.from(figure.querySelectorAll('svg'))) {
      if (svg.closest('button, .chart-legend, .recharts-legend-wrapper')) continue; // icons, legend swatches
      const s = svg.getBoundingClientRect();
      if (s.width < 50) continue;
      const scale = svg.getScreenCTM()?.a ?? 1;
      for (const text of Array.from(svg.querySelectorAll('text'))) {
        const r = text.getBoundingClientRect();
        if (r.width === 0 || !text.textContent?.trim()) continue;
        const label = `${name}: text "${text.textContent}"`;
        const fontPx = Number.parseFloat(getComputedStyle(text).fontSize) * scale;
        if (fontPx < args.minTextPx - 0.05) problems.push(`${label} is ${px(fontPx)} px (< ${args.minTextPx})`);
        if (
          r.left < s.left - SLACK ||
          r.right > s.right + SLACK ||
          r.top < s.top - SLACK ||
          r.bottom > s.bottom + SLACK
        )
          problems.push(`${label} sticks out of its chart`);
        texts.push({ text: text.textContent, r });
      }
    }
    texts.forEach((a, i) =>
      texts.slice(i + 1).forEach((b) => {
        const dx = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
        const dy = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
        if (dx > SLACK && dy > SLACK) problems.push(`${name}: text "${a.text}" overlaps "${b.text}"`);
      }),
    );
  }
  return problems;
}
