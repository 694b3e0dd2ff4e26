// Shared by the benchmark scripts (bench-compare, bench-render, bench-server): statistics, the
// machine line every report carries, and the writer that regenerates one section of
// docs/performance.md without touching the others.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';

/** Percentile by linear interpolation between closest ranks; `values` need not be sorted. */
export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * p;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}

/** Median, quartiles and range of a sample. */
export function summary(values) {
  const clean = values.filter((v) => Number.isFinite(v));
  return {
    n: clean.length,
    median: percentile(clean, 0.5),
    p25: percentile(clean, 0.25),
    p75: percentile(clean, 0.75),
    min: clean.length ? Math.min(...clean) : NaN,
    max: clean.length ? Math.max(...clean) : NaN,
  };
}

export const loadAverage = () => os.loadavg().map((l) => l.toFixed(1)).join(' / ');

/** One line naming the machine and how busy it was. */
export function machineLine(extra = '') {
  const cpu = os.cpus();
  return `${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} logical CPUs, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}${extra}; load average ${loadAverage()} (1/5/15 min) when the run ended`;
}

/** A Markdown table from a header row, rows and one alignment letter (`l`/`r`) per column. */
export function markdownTable(head, rows, align) {
  const sep = align.split('').map((a) => (a === 'r' ? '---:' : '---'));
  return [head, sep, ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

/** The same table for a terminal. */
export function textTable(head, rows, align) {
  const widths = head.map((h, i) => Math.max(String(h).length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (align[i] === 'l' ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const START = (name) => `<!-- generated: ${name} (do not edit by hand; rerun the command) -->`;
const END = (name) => `<!-- /generated: ${name} -->`;

/**
 * Replaces the section `name` of a Markdown file (between its two marker comments) with `body`,
 * leaving everything else as it is; a file without that section gets it before `before` (a
 * heading line) when given and present, else at the end.
 */
export function writeSection(file, name, body, { before } = {}) {
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const block = `${START(name)}\n${body.trim()}\n${END(name)}`;
  const start = current.indexOf(START(name));
  const end = current.indexOf(END(name));
  let next;
  if (start >= 0 && end > start) {
    next = current.slice(0, start) + block + current.slice(end + END(name).length);
  } else {
    const at = before ? current.indexOf(`\n${before}`) : -1;
    next = at >= 0 ? `${current.slice(0, at + 1)}${block}\n\n${current.slice(at + 1)}` : `${current.replace(/\n*$/, '\n\n')}${block}\n`;
  }
  writeFileSync(file, next.replace(/\n*$/, '\n'));
}

export const KB = 1024;
export const kb = (bytes) => `${(bytes / KB).toFixed(1)} KB`;
export const ms = (value) => (Number.isFinite(value) ? `${value.toFixed(0)} ms` : '-');
export const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? (a / b).toFixed(2) : '-');
