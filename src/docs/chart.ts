// Charts as inline SVG for the HTML documents: a bar per category, or a pair of columns per review
// period. Hand-written rather than drawn by a library: a scale here is one division, and the output
// must be the same bytes for the same numbers, with no script, no network and no font to fetch.
//
// Every piece of text placed in the SVG is escaped for XML where it is placed, so a label (an area
// name from cim.yaml) is text in the drawing, never markup. Each chart is an image to assistive
// technology (`role="img"`, named by its `<title>`); the same numbers are in the table beside it.
import { escapeHtml, Markup } from './escape.js';

export interface Bar {
  readonly label: string;
  readonly value: number;
}

export interface Series {
  readonly name: string;
  /** One value per group, in the groups' order. */
  readonly values: readonly number[];
}

/** Colours that stay apart for the common colour-vision deficiencies, and in greyscale print. */
const COLOURS = ['#1f4e79', '#d9822b'] as const;
const TEXT = '#1a1a1a';
const FONT = 'font-family="system-ui, sans-serif" font-size="12"';
/** The width of a character of the font at 12px, on average, to leave room for labels. */
const CHAR = 7;
const WIDTH = 640;
/** The longest label drawn whole; a longer one is cut, as the table beside it has it whole. */
const MAX_LABEL = 32;

/** A number as the SVG writes it: at most two decimals, no trailing zeros, never "-0". */
const n = (x: number) => String(Math.round(x * 100) / 100 + 0);

const text = (s: string) => escapeHtml(s);

function cut(label: string): string {
  const chars = [...label];
  return chars.length > MAX_LABEL ? `${chars.slice(0, MAX_LABEL - 1).join('')}…` : label;
}

function svg(id: string, title: string, width: number, height: number, body: readonly string[]): Markup {
  const titleId = `${id}-title`;
  return new Markup(
    [
      `<figure class="chart">`,
      `<svg xmlns="http://www.w3.org/2000/svg" id="${text(id)}" role="img" aria-labelledby="${text(titleId)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" ${FONT}>`,
      `<title id="${text(titleId)}">${text(title)}</title>`,
      ...body,
      `</svg>`,
      `</figure>`,
    ].join('\n'),
  );
}

/** The largest value, and at least 1, so that a chart of zeros draws no bar rather than dividing by 0. */
const top = (values: readonly number[]) => Math.max(1, ...values);

/** A horizontal bar per category, its label on the left and its number at its end. */
export function barChart(id: string, title: string, bars: readonly Bar[]): Markup {
  const labelWidth = Math.min(MAX_LABEL, Math.max(1, ...bars.map((b) => [...cut(b.label)].length))) * CHAR + 12;
  const numberWidth = 40;
  const span = WIDTH - labelWidth - numberWidth;
  const row = 24;
  const barHeight = 16;
  const max = top(bars.map((b) => b.value));
  const body = bars.map((b, i) => {
    const y = 8 + i * row;
    const w = (b.value / max) * span;
    const mid = y + barHeight / 2;
    return [
      `<g class="bar">`,
      `<text class="label" x="${labelWidth - 8}" y="${n(mid)}" text-anchor="end" dominant-baseline="central" fill="${TEXT}">${text(cut(b.label))}</text>`,
      `<rect x="${labelWidth}" y="${y}" width="${n(w)}" height="${barHeight}" fill="${COLOURS[0]}"/>`,
      `<text class="value" x="${n(labelWidth + w + 6)}" y="${n(mid)}" dominant-baseline="central" fill="${TEXT}">${b.value}</text>`,
      `</g>`,
    ].join('');
  });
  return svg(id, title, WIDTH, 8 + bars.length * row + 4, body);
}

/**
 * Columns side by side for each group (a review period), one per series (raised, closed), each
 * with its number above it; the groups' labels below, a line each, and a legend at the top.
 */
export function columnChart(
  id: string,
  title: string,
  groups: readonly (readonly string[])[],
  series: readonly Series[],
): Markup {
  const height = 260;
  const legend = 28;
  const lines = Math.max(1, ...groups.map((g) => g.length));
  const bottom = 10 + lines * 16;
  const plotTop = legend + 18;
  const plotHeight = height - plotTop - bottom;
  const baseline = plotTop + plotHeight;
  const side = 16;
  const groupWidth = (WIDTH - 2 * side) / Math.max(1, groups.length);
  const columnWidth = Math.min(44, (groupWidth * 0.7) / Math.max(1, series.length));
  const max = top(series.flatMap((s) => s.values));
  const body: string[] = [];
  series.forEach((s, j) => {
    const x = side + j * 120;
    body.push(
      `<g class="legend"><rect x="${x}" y="8" width="12" height="12" fill="${COLOURS[j % COLOURS.length]}"/><text x="${x + 18}" y="14" dominant-baseline="central" fill="${TEXT}">${text(s.name)}</text></g>`,
    );
  });
  body.push(
    `<line x1="${side}" y1="${baseline}" x2="${WIDTH - side}" y2="${baseline}" stroke="${TEXT}" stroke-width="1"/>`,
  );
  groups.forEach((label, i) => {
    const centre = side + groupWidth * (i + 0.5);
    const start = centre - (columnWidth * series.length) / 2;
    const columns = series.map((s, j) => {
      const value = s.values[i] ?? 0;
      const h = (value / max) * plotHeight;
      const x = start + j * columnWidth;
      return [
        `<g class="bar" data-series="${text(s.name)}">`,
        `<rect x="${n(x + 2)}" y="${n(baseline - h)}" width="${n(columnWidth - 4)}" height="${n(h)}" fill="${COLOURS[j % COLOURS.length]}"/>`,
        `<text class="value" x="${n(x + columnWidth / 2)}" y="${n(baseline - h - 6)}" text-anchor="middle" fill="${TEXT}">${value}</text>`,
        `</g>`,
      ].join('');
    });
    const names = label.map(
      (line, k) =>
        `<text class="label" x="${n(centre)}" y="${baseline + 16 + k * 16}" text-anchor="middle" fill="${TEXT}">${text(cut(line))}</text>`,
    );
    body.push(`<g class="group">${[...columns, ...names].join('')}</g>`);
  });
  return svg(id, title, WIDTH, height, body);
}
