// Times the official DTDL parser (DTDLParser for .NET, run as WebAssembly by
// the npm package @digicatapult/dtdl-parser) over the model repository, for
// comparison with aics-dtdl's bench_corpus example. Not a dependency of the
// project: dtdl-corpus.sh installs the package in a scratch folder.
//
// usage: node dtdl-official-parser.mjs SCRATCH_DIR REPO_DIR [--limit N] [--no-resolve | --whole]
//   default: parse every file; when the parser reports undefined identifiers
//     (a ResolutionException), add the files the repository layout gives for
//     them and parse again, until the model is complete: what the official
//     resolver does, and the same work as aics-dtdl's bench (parse + resolve).
//   --no-resolve: parse each file alone; a ResolutionException still counts
//     as parsed (as the package's own validateDirectories does).
//   --whole: the whole repository as one model set (the package's
//     parseDirectories). Fails on this corpus: some element @ids are defined
//     in more than one file.
import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

const [scratch, repo, ...rest] = process.argv.slice(2)
const limitAt = rest.indexOf('--limit')
const limit = limitAt >= 0 ? Number(rest[limitAt + 1]) : Infinity
const whole = rest.includes('--whole')
const resolve = !rest.includes('--no-resolve')

const interop = path.join(scratch, 'node_modules/@digicatapult/dtdl-parser/build/interop/modelParser.js')
const parser = await import(pathToFileURL(interop).href)

const files = []
const stack = [path.join(repo, 'dtmi')]
while (stack.length) {
  const dir = stack.pop()
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) stack.push(full)
    else if (entry.name.endsWith('.json')) files.push(full)
  }
}
files.sort()
const selected = files.slice(0, limit)
const texts = selected.map((f) => fs.readFileSync(f, 'utf8').replace(/^\uFEFF/, ''))
const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0)

const exception = (e) => {
  try {
    return JSON.parse(e.message ?? String(e))
  } catch {
    return { ExceptionKind: 'other' }
  }
}
const kind = (e) => exception(e).ExceptionKind ?? 'other'

// dtmi:com:example:Thermostat;1 -> REPO/dtmi/com/example/thermostat-1.json
const repositoryFile = (dtmi) =>
  path.join(repo, dtmi.toLowerCase().replaceAll(':', '/').replaceAll(';', '-') + '.json')

let reparses = 0
// Parses `text` plus whatever it needs from the repository; true if complete.
const parseResolved = (text) => {
  const docs = [text]
  const loaded = new Set()
  for (;;) {
    try {
      parser.parse(docs.length === 1 ? docs[0] : '[' + docs.join(',') + ']')
      return true
    } catch (e) {
      const ex = exception(e)
      if (ex.ExceptionKind !== 'Resolution') throw e
      let added = 0
      for (const id of ex.UndefinedIdentifiers) {
        const file = repositoryFile(id)
        if (loaded.has(file) || !fs.existsSync(file)) continue
        loaded.add(file)
        docs.push(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''))
        added++
      }
      if (added === 0) return false
      reparses++
    }
  }
}

const started = process.hrtime.bigint()
let parsed = 0
let unresolved = 0
let failed = 0
if (whole) {
  const all = '[' + texts.join(',') + ']'
  try {
    parser.parse(all)
    parsed = texts.length
  } catch (e) {
    console.error('whole-repository parse failed:', kind(e), String(e.message ?? e).slice(0, 500))
    failed = texts.length
  }
} else {
  for (const text of texts) {
    try {
      if (resolve) {
        if (parseResolved(text)) parsed++
        else unresolved++
      } else {
        parser.parse(text)
        parsed++
      }
    } catch (e) {
      if (kind(e) === 'Resolution') unresolved++
      else failed++
    }
  }
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9
const hwm = fs.readFileSync('/proc/self/status', 'utf8').match(/VmHWM:\s+(\d+) kB/)
console.log(
  `official parser (${parser.parserVersion()}, ${whole ? 'whole repository' : resolve ? 'per file, references resolved' : 'per file, unresolved'}): ` +
    `${selected.length} files, ${(bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(2)} s ` +
    `(${(selected.length / seconds).toFixed(0)} files/s); parsed ${parsed}, ` +
    `unresolved ${unresolved}, failed ${failed}, re-parses with dependencies ${reparses}; peak RSS ${hwm ? (Number(hwm[1]) / 1024).toFixed(0) : '?'} MB`
)
console.log(`official-seconds: ${seconds.toFixed(3)}`)
