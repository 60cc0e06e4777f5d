// The lie soak: lifecycle.yml (through the local runner) onboards and then offboards a batch of people while a
// share of every changing call to Okta, GitHub, IAM and Slack answers success and does nothing (the kernel's lie
// fault). Each event is rerun until the workflow is green (at most maxRuns with lies, then one run without);
// after every green run the systems themselves are checked against the role map. Counts: lies told, runs that caught one (not green), events repaired on a
// rerun, lies onramp could not have caught (reported as unverified), and green runs with wrong state (must be 0).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { loadRoleMap } from '@onramp/core'
import { runInSandbox, SANDBOX_REPOSITORY } from '@onramp/runner'
import { type Sandbox, startSandbox } from '@onramp/sandbox'
import { TEST_TIME_SCALE } from './harness.js'

const repoRoot = new URL('../..', import.meta.url).pathname
const ROLE = 'backend-engineer'
/** Calls whose effect no API lets onramp read back: their receipts say "unverified". */
const UNVERIFIABLE = new Set(['DELETE /api/v1/users/{userId}/sessions'])

export interface SoakOptions {
  people: number
  /** Share of changing calls that lie, 0..1. */
  rate: number
  seed: number
  /** Runs per event before it counts as unfinished. */
  maxRuns: number
  /** The sandbox's (and so the actions') time scale; default the tests' TEST_TIME_SCALE. */
  timeScale?: number
  onLine?: (line: string) => void
}

export interface SoakCounts {
  people: number
  runs: number
  lies: number
  /** Runs that were not green and had at least one lie in them: the lie was caught. */
  caughtRuns: number
  /** Events whose first run caught a lie and a later run made green with the right state. */
  repairedOnRerun: number
  /** Lies on calls no read-back can see (Okta session revocation): the receipt says unverified. */
  unverifiable: number
  /** Green runs after which a system did not hold what the role map says. Must be 0. */
  greenButWrong: number
  /** Events not green even after maxRuns with lies and one more run without: must be 0. */
  unfinished: number
  wrong: string[]
}

interface Person {
  index: number
  id: string
  email: string
  login: string
}

function event(type: 'onboard' | 'offboard', p: Person) {
  const sample = JSON.parse(readFileSync(join(repoRoot, 'test/fixtures/events', `${type}.json`), 'utf8'))
  const payload = sample.client_payload as { event_id: string; person: Record<string, string> }
  const person = payload.person
  person.employee_id = p.id
  payload.event_id = `hr-soak-${p.index}-${type}`
  if (type === 'onboard') {
    person.email = p.email
    person.name = `Soak Person ${p.index}`
    person.github_username = p.login
    person.role = ROLE
  }
  return sample
}

function ledger(sandbox: Sandbox, id: string) {
  const { owner, name } = SANDBOX_REPOSITORY
  const text = sandbox.emulators.github.emulator.file(owner, name, `people/${id}.json`, 'onramp-state')
  return text ? JSON.parse(text) : undefined
}

const posts = (sandbox: Sandbox, channel: string, key: string) =>
  sandbox.emulators.slack.emulator
    .messages(channel)
    .filter((m) => (m.metadata?.event_payload as { key?: string } | undefined)?.key === key).length

/** What is wrong in the systems themselves after a green run; empty when they hold what the role map says. */
function wrongState(sandbox: Sandbox, type: 'onboard' | 'offboard', p: Person): string[] {
  const role = loadRoleMap(join(repoRoot, '.github/access/roles.yaml')).roles[ROLE]!
  const e = sandbox.emulators
  const out: string[] = []
  const okta = e.okta.emulator.user(p.email)
  const github = e.github.emulator.state() as {
    orgs: { login: string; members: Record<string, string> }[]
    invitations: { org: string; login: string | null; status: string }[]
  }
  const org = github.orgs.find((o) => o.login === 'acme')
  // A member, or invited and waiting for the person to accept (the step says pending).
  const invited = github.invitations.some((i) => i.org === 'acme' && i.login === p.login && i.status === 'pending')
  const userName = ledger(sandbox, p.id)?.ids?.aws?.user_name as string | undefined
  const iam = userName ? e.iam.emulator.user(userName) : undefined
  const key = `${type === 'onboard' ? 'welcome' : 'leaver'}-slack:hr-soak-${p.index}-${type}`
  if (type === 'onboard') {
    // ACTIVE once a password is set; PROVISIONED (activation email sent, the identity step pending) until then.
    if (okta?.status !== 'ACTIVE' && okta?.status !== 'PROVISIONED') out.push(`okta status ${okta?.status}`)
    for (const g of role.identity?.groups ?? [])
      if (!e.okta.emulator.groupMembers(g).includes(p.email)) out.push(`okta group ${g}`)
    if (!org?.members[p.login] && !invited) out.push('github membership or invitation')
    if (!iam) out.push('iam user')
    else {
      for (const arn of role.aws?.policies ?? []) if (!iam.policies.includes(arn)) out.push(`iam policy ${arn}`)
      for (const g of role.aws?.groups ?? []) if (!iam.groups.includes(g)) out.push(`iam group ${g}`)
      if (!iam.boundary) out.push('iam boundary')
    }
    if (posts(sandbox, '#new-joiners', key) !== 1) out.push(`welcome posts ${posts(sandbox, '#new-joiners', key)}`)
    const mails = sandbox.mail.list().filter((m) => m.envelope?.to?.includes(p.email)).length
    if (mails !== 1) out.push(`welcome emails ${mails}`)
  } else {
    if (okta?.status !== 'SUSPENDED' && okta?.status !== 'DEPROVISIONED') out.push(`okta status ${okta?.status}`)
    if (org?.members[p.login] || invited) out.push('github membership or invitation left')
    if (iam?.policies.length) out.push('iam policies left')
    if (iam?.groups.length) out.push('iam groups left')
    if (iam?.accessKeys.some((k) => k.status === 'Active')) out.push('iam active key')
    if (posts(sandbox, '#onramp-alerts', key) !== 1) out.push(`leaver posts ${posts(sandbox, '#onramp-alerts', key)}`)
  }
  return out
}

export async function lieSoak(o: SoakOptions): Promise<SoakCounts> {
  const people: Person[] = Array.from({ length: o.people }, (_, i) => ({
    index: i,
    id: `E${9000 + i}`,
    email: `soak.person${i}@acme.com`,
    login: `soak-person-${i}`,
  }))
  const sandbox = await startSandbox({
    roles: join(repoRoot, '.github/access/roles.yaml'),
    guardrails: join(repoRoot, '.github/access/guardrails.yaml'),
    // A lie is caught by a read-back that waits out its deadline: in sandbox time, not real seconds.
    timeScale: o.timeScale ?? TEST_TIME_SCALE,
    seed: {
      github: {
        repos: [{ owner: SANDBOX_REPOSITORY.owner, name: SANDBOX_REPOSITORY.name, default_branch: 'main' }],
        users: people.map((p, i) => ({ login: p.login, id: 700_000 + i })),
      },
      slack: { users: [{ email: 'riley.manager@acme.com', name: 'riley' }] },
    },
  })
  const counts: SoakCounts = {
    people: o.people,
    runs: 0,
    lies: 0,
    caughtRuns: 0,
    repairedOnRerun: 0,
    unverifiable: 0,
    greenButWrong: 0,
    unfinished: 0,
    wrong: [],
  }
  // Every changing call may lie, except the ledger's own writes (repository contents) and SMTP (no snapshot).
  const lie = (match: Record<string, unknown>, seed: number) => ({ rate: o.rate, seed, lie: true, match })
  let round = 0
  const setLies = () => {
    const seed = o.seed + 10 * round++
    sandbox.emulators.okta.faults.setRandom(lie({ mutating: true }, seed))
    sandbox.emulators.iam.faults.setRandom(lie({ mutating: true }, seed + 1))
    sandbox.emulators.github.faults.setRandom(lie({ mutating: true, path: '^/orgs/' }, seed + 2))
    sandbox.emulators.slack.faults.setRandom(lie({ mutating: true }, seed + 3))
  }
  setLies()
  try {
    for (const p of people) {
      for (const type of ['onboard', 'offboard'] as const) {
        let caughtFirst = false
        let green = false
        for (let attempt = 1; attempt <= o.maxRuns && !green; attempt++) {
          counts.runs += 1
          const from = sandbox.log.list().at(-1)?.seq ?? 0
          const result = await runInSandbox(sandbox, {
            repoRoot,
            eventName: 'repository_dispatch',
            event: event(type, p),
            runId: String(20_000 + counts.runs),
          })
          const lies = sandbox.log.list().filter((e) => e.seq > from && e.faultMode === 'lie')
          const unverifiable = lies.filter((e) => UNVERIFIABLE.has(e.route ?? ''))
          counts.lies += lies.length
          counts.unverifiable += unverifiable.length
          green = result.conclusion === 'success'
          const wrong = green ? wrongState(sandbox, type, p) : []
          if (wrong.length) {
            counts.greenButWrong += 1
            counts.wrong.push(`${p.id} ${type} run ${attempt}: ${wrong.join(', ')}`)
          }
          if (!green && lies.length) {
            counts.caughtRuns += 1
            if (attempt === 1) caughtFirst = true
          }
          o.onLine?.(
            `${p.id} ${type} run ${attempt}: ${result.conclusion}, ${lies.length} lies (${lies.map((e) => `${e.emulator} ${e.route}`).join('; ')})${wrong.length ? ` WRONG: ${wrong.join(', ')}` : ''}`,
          )
        }
        if (!green) {
          // Still lied to on every run: one more with the systems honest must repair it.
          const emulators = [
            sandbox.emulators.okta,
            sandbox.emulators.iam,
            sandbox.emulators.github,
            sandbox.emulators.slack,
          ]
          for (const e of emulators) e.faults.setRandom(undefined)
          counts.runs += 1
          const result = await runInSandbox(sandbox, {
            repoRoot,
            eventName: 'repository_dispatch',
            event: event(type, p),
            runId: String(20_000 + counts.runs),
          })
          green = result.conclusion === 'success'
          const wrong = green ? wrongState(sandbox, type, p) : []
          if (wrong.length) {
            counts.greenButWrong += 1
            counts.wrong.push(`${p.id} ${type} honest run: ${wrong.join(', ')}`)
          }
          o.onLine?.(
            `${p.id} ${type} honest run: ${result.conclusion}${wrong.length ? ` WRONG: ${wrong.join(', ')}` : ''}`,
          )
          setLies()
        }
        if (!green) counts.unfinished += 1
        else if (caughtFirst && !counts.wrong.some((w) => w.startsWith(`${p.id} ${type}`))) counts.repairedOnRerun += 1
      }
    }
  } finally {
    await sandbox.close()
  }
  return counts
}
