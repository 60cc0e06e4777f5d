// Preloaded into the Node processes of a `pnpm bench suite` run (NODE_OPTIONS=--require): every process started
// through node:child_process is appended to ONRAMP_SPAWN_LOG as one line of JSON. A Vitest worker adds the test
// file it is running; every line has the pids (the child's, its parent's and grandparent's), so the bench can
// count a process that a demo or CLI run started for the test file that started that run. Nothing the suite's
// processes see changes: not their environment, not what they start.
const childProcess = require('node:child_process')
const { appendFileSync } = require('node:fs')
const { basename } = require('node:path')
const { syncBuiltinESMExports } = require('node:module')
const { promisify } = require('node:util')

const log = process.env.ONRAMP_SPAWN_LOG

if (log) {
  const logged = (name, run) =>
    function (command, ...rest) {
      const args = Array.isArray(rest[0]) ? rest[0] : []
      const script = (name === 'fork' ? [command] : args).find((a) => /\.(c?m?js|ts)$/.test(String(a)))
      const entry = {
        file: globalThis.__vitest_worker__?.filepath ?? null,
        command: name === 'fork' ? 'node' : basename(String(command).split(' ')[0]),
        script,
        parent: process.pid,
        grandparent: process.ppid,
      }
      let result
      try {
        result = run.call(this, command, ...rest)
        return result
      } finally {
        // A promisified exec/execFile resolves later: its child's pid is not known here.
        entry.pid = typeof result?.pid === 'number' ? result.pid : (result?.child?.pid ?? null)
        appendFileSync(log, `${JSON.stringify(entry)}\n`)
      }
    }
  // Each takes (command, args?, options?); exec and execSync take a shell command line and no args.
  for (const name of ['spawn', 'spawnSync', 'execFile', 'execFileSync', 'exec', 'execSync', 'fork']) {
    const original = childProcess[name]
    const wrapped = logged(name, original)
    // util.promisify(execFile) and (exec) use Node's own promise form, which is wrapped too.
    if (original[promisify.custom]) wrapped[promisify.custom] = logged(name, original[promisify.custom])
    childProcess[name] = wrapped
  }
  // ESM importers of node:child_process see the wrapped functions too.
  syncBuiltinESMExports()
}
