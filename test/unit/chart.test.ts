// The SVG charts: parsed as XML, each bar's length is proportional to its count and its label and
// number are the ones given; what a label holds stays text; the drawing is an image with a name.
import { describe, expect, it } from 'vitest';
import { barChart, columnChart } from '../../src/docs/chart.js';
import { escapeMarkdown, escapeModel, Markup } from '../../src/docs/escape.js';

interface Node {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: (Node | string)[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };
function decode(s: string): string {
  if (/&(?!(amp|lt|gt|quot|#39);)/.test(s)) throw new Error(`a bare & in ${s}`);
  return s.replace(/&(amp|lt|gt|quot|#39);/g, (_m, e: string) => ENTITIES[e]!);
}

/** A strict little XML parser: every tag closed in order, attributes quoted, text decoded. */
function parseXml(xml: string): Node {
  const root: Node = { name: '#root', attrs: {}, children: [] };
  const stack: Node[] = [root];
  const token = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  let m: RegExpExecArray | null;
  let at = 0;
  while ((m = token.exec(xml))) {
    at = token.lastIndex;
    const [, close, name, attrs, selfClose, text] = m;
    const top = stack.at(-1)!;
    if (text !== undefined) {
      if (text.trim()) top.children.push(decode(text));
      continue;
    }
    if (close) {
      if (top.name !== name) throw new Error(`</${name}> closes <${top.name}>`);
      stack.pop();
      continue;
    }
    const node: Node = {
      name: name!,
      attrs: Object.fromEntries([...attrs!.matchAll(/([\w:-]+)="([^"]*)"/g)].map(([, k, v]) => [k!, decode(v!)])),
      children: [],
    };
    top.children.push(node);
    if (!selfClose) stack.push(node);
  }
  if (at !== xml.length) throw new Error(`not XML from ${xml.slice(at, at + 40)}`);
  if (stack.length !== 1) throw new Error(`<${stack.at(-1)!.name}> is not closed`);
  return root;
}

const all = (node: Node, name: string): Node[] =>
  node.children.flatMap((c) => (typeof c === 'string' ? [] : [...(c.name === name ? [c] : []), ...all(c, name)]));
const textOf = (node: Node): string => node.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');
const byClass = (node: Node, name: string, cls: string) => all(node, name).filter((n) => n.attrs.class === cls);

function svgOf(chart: Markup): Node {
  const figure = parseXml(chart.html).children[0] as Node;
  expect(figure.name).toBe('figure');
  return all(figure, 'svg')[0]!;
}

/** Each bar's label, number and the length of its rectangle along `side`. */
function bars(svg: Node, side: 'width' | 'height') {
  return byClass(svg, 'g', 'bar').map((g) => ({
    label: byClass(g, 'text', 'label').map(textOf)[0],
    value: Number(textOf(byClass(g, 'text', 'value')[0]!)),
    length: Number(all(g, 'rect')[0]!.attrs[side]),
  }));
}

/** Every non-zero bar has the same length per unit counted, and a zero bar has none. */
function expectProportional(drawn: readonly { value: number; length: number }[]) {
  const unit = drawn.find((b) => b.value > 0)!;
  for (const b of drawn) expect(b.length).toBeCloseTo((b.value / unit.value) * unit.length, 1);
}

/** Markup that would close the label and open a script, in fewer characters than a label is cut at. */
const HOSTILE = '</text><script>x()</script>&"';

describe('a bar chart', () => {
  const input = [
    { label: 'IT', value: 5 },
    { label: 'HR', value: 2 },
    { label: 'Facilities', value: 0 },
    { label: 'Sales', value: 1 },
  ];

  it('checks the SVG’s bars against the counts: each width proportional, each label and number its own', () => {
    const drawn = bars(svgOf(barChart('c', 'By area', input)), 'width');
    expect(drawn.map(({ label, value }) => ({ label, value }))).toEqual(input);
    expectProportional(drawn);
    expect(drawn[2]!.length).toBe(0);
    expect(Math.max(...drawn.map((b) => b.length))).toBeGreaterThan(300);
  });

  it('is an image named by its title, for assistive technology', () => {
    const svg = svgOf(barChart('d1-area', 'Nonconformities by area', input));
    expect(svg.attrs.role).toBe('img');
    const title = all(svg, 'title')[0]!;
    expect(svg.attrs['aria-labelledby']).toBe(title.attrs.id);
    expect(textOf(title)).toBe('Nonconformities by area');
  });

  it('keeps a label that holds markup as text, and cuts a long one', () => {
    const chart = barChart('c', `Title ${HOSTILE}`, [
      { label: HOSTILE, value: 1 },
      { label: 'A very long area name that goes on and on and on', value: 2 },
    ]);
    expect(chart.html).not.toContain('<script');
    const svg = svgOf(chart);
    expect(all(svg, 'script')).toEqual([]);
    expect(bars(svg, 'width').map((b) => b.label)).toEqual([HOSTILE, 'A very long area name that goes…']);
    expect(textOf(all(svg, 'title')[0]!)).toBe(`Title ${HOSTILE}`);
  });

  it('draws no bar for all zeros, and no script, link or font from elsewhere', () => {
    const chart = barChart('c', 'None', [{ label: 'IT', value: 0 }]);
    expect(bars(svgOf(chart), 'width')).toEqual([{ label: 'IT', value: 0, length: 0 }]);
    expect(chart.html).not.toMatch(/<script|href|url\(|@import|@font-face|NaN|Infinity/);
  });

  it('is the same bytes for the same numbers', () => {
    expect(barChart('c', 'T', input).html).toBe(barChart('c', 'T', input).html);
  });
});

describe('a column chart of the review periods', () => {
  const groups = [
    ['MRT-0001', '1 March 2025'],
    ['MRT-0002', '1 September 2025'],
    ['MRT-0003', '2 March 2026'],
  ];
  const series = [
    { name: 'Raised', values: [3, 0, 6] },
    { name: 'Closed', values: [1, 4, 2] },
  ];

  it('checks the SVG’s bars against the counts: each height proportional, each number its own', () => {
    const svg = svgOf(columnChart('p', 'By period', groups, series));
    const drawn = bars(svg, 'height');
    expect(drawn.map((b) => b.value)).toEqual([3, 1, 0, 4, 6, 2]);
    expectProportional(drawn);
    // Each column stands on the same baseline.
    const bottoms = all(svg, 'rect')
      .filter((r) => r.attrs.height !== '12')
      .map((r) => Number(r.attrs.y) + Number(r.attrs.height));
    expect(new Set(bottoms.map((b) => b.toFixed(1))).size).toBe(1);
  });

  it('names each period below its columns and each series in the legend', () => {
    const svg = svgOf(columnChart('p', 'By period', groups, series));
    const labels = byClass(svg, 'g', 'group').map((g) => byClass(g, 'text', 'label').map(textOf));
    expect(labels).toEqual(groups);
    expect(byClass(svg, 'g', 'legend').map(textOf)).toEqual(['Raised', 'Closed']);
    expect(byClass(svg, 'g', 'bar').map((g) => g.attrs['data-series'])).toEqual([
      'Raised',
      'Closed',
      'Raised',
      'Closed',
      'Raised',
      'Closed',
    ]);
  });
});

describe('trusted markup in a document model', () => {
  const model = { caption: '<b>x</b>', chart: barChart('c', 'T', [{ label: '<b>', value: 1 }]) };

  it('reaches an HTML page as it is, and is left out of Markdown and JSON', () => {
    expect(escapeModel(model, escapeMarkdown, 'html').chart).toBe(model.chart.html);
    expect(escapeModel(model, escapeMarkdown, 'markdown').chart).toBe('');
    expect(escapeModel(model, escapeMarkdown).chart).toBe('');
    expect(JSON.parse(JSON.stringify(model))).toEqual({ caption: '<b>x</b>' });
  });

  it('is only what cim drew: a string that looks like markup is escaped whatever the output', () => {
    expect(escapeModel({ chart: '<svg onload=x>' }, escapeMarkdown, 'html').chart).toBe('\\<svg onload=x\\>');
    expect(model.chart).toBeInstanceOf(Markup);
  });
});
