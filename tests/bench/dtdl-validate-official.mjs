// Verdicts of the official DTDL parser (DTDLParser for .NET as WebAssembly,
// npm @digicatapult/dtdl-parser) for every file of the model repository, for
// comparison with aics-dtdl's validate_corpus example (dtdl-validate.sh).
// Each file is parsed with the files its references need, found through the
// repository layout and added until the model is complete.
//
// usage: node dtdl-validate-official.mjs SCRATCH_DIR REPO_DIR VERDICTS_FILE [--limit N]
// Writes `valid PATH` or `invalid PATH: kind: first message` per file.
import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

const [scratch, repo, out, ...rest] = process.argv.slice(2)
const limitAt = rest.indexOf('--limit')
const limit = limitAt >= 0 ? Number(rest[limitAt + 1]) : Infinity
const parser = await import(
  pathToFileURL(path.join(scratch, 'node_modules/@digicatapult/dtdl-parser/build/interop/modelParser.js')).href
)

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
const read = (f) => fs.readFileSync(f, 'utf8').replace(/^\uFEFF/, '')
const repositoryFile = (dtmi) => path.join(repo, dtmi.toLowerCase().replaceAll(':', '/').replaceAll(';', '-') + '.json')
const exception = (e) => {
  try {
    return JSON.parse(e.message ?? String(e))
  } catch {
    return { ExceptionKind: 'other', message: String(e.message ?? e) }
  }
}

// null when valid, else what is wrong.
const verdict = (file) => {
  const docs = [read(file)]
  const loaded = new Set([file])
  for (;;) {
    try {
      parser.parse(docs.length === 1 ? docs[0] : '[' + docs.join(',') + ']')
      return null
    } catch (e) {
      const ex = exception(e)
      if (ex.ExceptionKind !== 'Resolution') {
        const first = (ex.Errors ?? [])[0]
        return `${ex.ExceptionKind}: ${first ? first.Cause ?? JSON.stringify(first) : ex.message ?? ''}`.replaceAll('\n', ' ')
      }
      let added = 0
      for (const id of ex.UndefinedIdentifiers) {
        const dep = repositoryFile(id)
        if (loaded.has(dep) || !fs.existsSync(dep)) continue
        loaded.add(dep)
        docs.push(read(dep))
        added++
      }
      if (added === 0) return `Resolution: unresolved ${ex.UndefinedIdentifiers.join(' ')}`
    }
  }
}

const started = process.hrtime.bigint()
const lines = []
let invalid = 0
for (const file of selected) {
  const v = verdict(file)
  const rel = path.relative(repo, file)
  if (v === null) lines.push(`valid ${rel}`)
  else {
    invalid++
    lines.push(`invalid ${rel}: ${v}`)
  }
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9
fs.writeFileSync(out, lines.join('\n') + '\n')
console.log(
  `official parser (${parser.parserVersion()}): ${selected.length} files in ${seconds.toFixed(2)} s ` +
    `(${(selected.length / seconds).toFixed(0)} files/s); valid ${selected.length - invalid}, invalid ${invalid}`
)
console.log(`official-seconds: ${seconds.toFixed(3)}`)
