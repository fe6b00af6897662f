// Prints edtf.js's verdict for each string of a case file (tests/edtf/edtf_js_cases.tsv), one line
// per case: `accept<TAB>min_ms<TAB>max_ms` or `reject`. min/max are edtf.js's own (inclusive, in
// milliseconds); an unknown end (null) prints as `-inf`/`inf` like an open one.
// Run with TZ=UTC: edtf.js reads a time of day without offset as local time, Annals as UTC.
// Usage: TZ=UTC node peer.mjs CASES.tsv
import { readFileSync } from 'node:fs'
import edtf, { parse } from 'edtf'

const bound = (v, open) => (v === null || !Number.isFinite(v) ? open : String(v))

for (const line of readFileSync(process.argv[2], 'utf8').split('\n')) {
  if (line === '' || line.startsWith('#')) continue
  const text = line.split('\t')[2]
  let out
  try {
    // parse() first: edtf('12345') would read digits as a Unix time, the parser does not.
    const d = edtf(parse(text))
    out = `accept\t${bound(d.min, '-inf')}\t${bound(d.max, 'inf')}`
  } catch (e) {
    out = 'reject'
  }
  console.log(out)
}
