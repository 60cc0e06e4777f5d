// Bulk onboarding: N hires dispatched within one minute of sandbox time, each through lifecycle.yml, against one
// sandbox with every emulator's documented limits enforced, on a scaled clock. Each run's validate job uploads its
// event as an intent; the access jobs drain them in the runner's concurrency groups (one job per system and
// organization at a time, a newer pending job replacing an older one), so one process per system paces all
// hires with one budget. The identity job takes a wave of people at a time and wakes another run for the rest
// (lifecycle.yml's wake job): the bench starts a run for each wake-up sent, as GitHub does. At most K runs are in
// flight at once (the runners a repository gets).
// Report: people, wall_ms (sandbox time, first dispatch to last run end), lower_bound_ms and binding_limit (from
// the documented limits, the dispatch window and the calls the hires made), refused (rate-limited answers per
// system), failed (runs that failed, and hires not applied at the end; a run cancelled in a group is not a
// failure: the job that replaced it drained its hire), duplicates (side effects made twice for one person) and
// calls per system. Past 50 hires the organization's invitation cap is raised to 500 in the bench's copy of the
// guardrails (and the sandbox's org), as a paid organization's is: otherwise the cap, not the rates, binds.
//   pnpm build && pnpm bench bulk [--people 20] [--concurrency 16] [--time-scale 60] [--report FILE] [--log FILE]
//     [--strict-windows]
// On a scaled clock a run's own process time is scaled too, so a drain's per-person cost is mostly this
// machine's; --time-scale 1 shows the load the services really see.
// The lower bound counts the calls that were answered: failed runs made fewer, so compare it only with failed 0.
// The runs use this checkout's bundles through links (withAccessFiles): do not rebuild while it runs.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { loadGuardrails, loadRoleMap } from '@onramp/core'
import { runInSandbox, SANDBOX_REPOSITORY, withAccessFiles } from '@onramp/runner'
import { type Sandbox, startSandbox } from '@onramp/sandbox'
import { hireEvent, sentDispatches } from '../support/hire-event.js'
import { batchCommits } from '../support/ledger-commits.js'

const repoRoot = new URL('../..', import.meta.url).pathname
const ROLES = ['backend-engineer', 'data-analyst', 'designer', 'people-ops']
const ANNOUNCE_CHANNEL = '#new-joiners'

const { values } = parseArgs({
  options: {
    people: { type: 'string', default: '20' },
    concurrency: { type: 'string', default: '16' },
    'time-scale': { type: 'string', default: '60' },
    report: { type: 'string' },
    /** Every request the sandbox answered, one JSON line each (no bodies): where a run's time went. */
    log: { type: 'string' },
    /**
     * GitHub's content-creating limits as sliding windows (at most 80 in any 60 s, 500 in any hour) instead of the
     * emulator's default buckets: GitHub does not say which, and this is the strictest reading.
     */
    'strict-windows': { type: 'boolean', default: false },
  },
})
const number = (name: 'people' | 'concurrency' | 'time-scale', ok: (n: number) => boolean, rule: string) => {
  const n = Number(values[name])
  if (!ok(n)) {
    console.error(`--${name}: ${rule}`)
    process.exit(2)
  }
  return n
}
const whole = (n: number) => Number.isInteger(n) && n >= 1
const people = number('people', whole, 'must be a whole number of at least 1')
const concurrency = number('concurrency', whole, 'must be a whole number of at least 1')
const timeScale = number('time-scale', (n) => n > 0, 'must be a positive number')
const strictWindows = values['strict-windows']

interface Hire {
  index: number
  id: string
  email: string
  login: string
  role: string
  eventId: string
}
const hires: Hire[] = Array.from({ length: people }, (_, i) => ({
  index: i,
  id: `E${50_000 + i}`,
  email: `bulk.hire${i}@acme.com`,
  login: `bulk-hire-${i}`,
  role: ROLES[i % ROLES.length]!,
  eventId: `hr-bulk-${i}-onboard`,
}))

const onboardEvent = (h: Hire) =>
  hireEvent({
    employeeId: h.id,
    eventId: h.eventId,
    name: `Bulk Hire ${h.index}`,
    email: h.email,
    login: h.login,
    role: h.role,
  })

// The access files as the repository has them, with the invitation cap raised to 500 past 50 (see above).
const accessDir = mkdtempSync(join(tmpdir(), 'onramp-bulk-access-'))
const guardrailsText = readFileSync(join(repoRoot, '.github/access/guardrails.yaml'), 'utf8')
const capRaised = people > 50
if (capRaised && !/^ {2}invitation-cap: \d+$/m.test(guardrailsText))
  throw new Error('guardrails.yaml no longer has github.invitation-cap to raise')
writeFileSync(
  join(accessDir, 'guardrails.yaml'),
  capRaised ? guardrailsText.replace(/^ {2}invitation-cap: \d+$/m, '  invitation-cap: 500') : guardrailsText,
)
writeFileSync(join(accessDir, 'roles.yaml'), readFileSync(join(repoRoot, '.github/access/roles.yaml'), 'utf8'))
const workspace = withAccessFiles(repoRoot, accessDir)
const guardrails = loadGuardrails(join(accessDir, 'guardrails.yaml'))
const sandbox = await startSandbox({
  roles: join(accessDir, 'roles.yaml'),
  guardrails: join(accessDir, 'guardrails.yaml'),
  limits: true,
  ...(strictWindows && { options: { github: { limits: { enabled: true, contentWindow: 'sliding' } } } }),
  timeScale,
  seed: {
    github: {
      repos: [{ owner: SANDBOX_REPOSITORY.owner, name: SANDBOX_REPOSITORY.name, default_branch: 'main' }],
      users: hires.map((h) => ({ login: h.login, id: 800_000 + h.index })),
    },
    slack: { users: [{ email: 'riley.manager@acme.com', name: 'riley' }] },
  },
})

/** Waits (in real time) until the sandbox clock reads `at`. */
const untilSandbox = (at: number) =>
  new Promise<void>((r) => setTimeout(r, Math.max(0, (at - sandbox.clock.now()) / timeScale)))

interface Outcome {
  hire: Hire
  conclusion: string
  dispatchedAt: number
  startedAt: number
  endedAt: number
}

const outcomes: Outcome[] = []
/** The runs started for the wake-ups the runs sent. */
const wakes: { conclusion: string; startedAt: number; endedAt: number }[] = []
let report: Record<string, unknown> | undefined
try {
  const firstDispatch = sandbox.clock.now()
  // Dispatched evenly over one minute of sandbox time; a run starts when its event is in and a slot is free.
  const dispatchAt = (i: number) => firstDispatch + Math.floor((i * 60_000) / people)
  let next = 0
  /** Wake-ups the runs sent (lifecycle.yml's wake job) and not started yet; runs in flight, which may send more. */
  const wakeUps: Record<string, unknown>[] = []
  let seen = 0
  let wakesStarted = 0
  let inFlight = 0
  const runOne = async (label: string, options: Omit<Parameters<typeof runInSandbox>[1], 'repoRoot'>) => {
    const startedAt = sandbox.clock.now()
    let conclusion: string
    // The jobs that ran, with their durations in sandbox seconds (where a run's time went).
    let jobs = ''
    inFlight++
    try {
      const result = await runInSandbox(sandbox, { repoRoot: workspace, ...options })
      conclusion = result.conclusion
      jobs = Object.values(result.jobs)
        .filter((j) => j.result !== 'skipped' && j.result !== 'cancelled')
        .map((j) => `${j.name} ${(j.durationMs / 1000).toFixed(1)}`)
        .join(', ')
      // Why a run was not green: the failed jobs' first error annotation (onramp's own message, no data).
      if (conclusion === 'failure')
        conclusion += ` (${Object.values(result.jobs)
          .filter((j) => j.result === 'failure')
          .map(
            (j) =>
              `${j.name}: ${(j.annotations.find((a) => a.level === 'error')?.message ?? j.error ?? '').split('\n')[0]}`,
          )
          .join('; ')})${Object.values(result.jobs)
          .filter((j) => j.result === 'failure')
          .flatMap((j) => j.summary.split('\n').filter((l) => /fail/i.test(l) && /\bE\d+/.test(l)))
          .slice(0, 5)
          .map((l) => `\n    ${l.trim()}`)
          .join('')}`
    } catch (e) {
      conclusion = `error: ${(e as Error).message.split('\n')[0]}`
    } finally {
      inFlight--
    }
    const endedAt = sandbox.clock.now()
    console.log(`${label}: ${conclusion} (ran ${endedAt - startedAt} ms sandbox)${jobs && ` [${jobs}]`}`)
    return { conclusion, startedAt, endedAt }
  }
  // A worker starts the next hire once its event is due, else a wake-up the runs sent, else waits.
  const worker = async () => {
    for (;;) {
      const sent = sentDispatches(sandbox, seen)
      seen += sent.length
      wakeUps.push(...sent)
      if (next < hires.length && dispatchAt(next) <= sandbox.clock.now() + 1) {
        const hire = hires[next++]!
        await untilSandbox(dispatchAt(hire.index))
        const run = await runOne(`${hire.id} ${hire.role}`, {
          eventName: 'repository_dispatch',
          event: onboardEvent(hire),
          runId: String(50_000 + hire.index),
        })
        outcomes.push({ hire, ...run, dispatchedAt: dispatchAt(hire.index) })
      } else if (wakeUps.length) {
        const event = wakeUps.shift()!
        const n = ++wakesStarted
        wakes.push(
          await runOne(`wake-up ${n}`, {
            eventName: 'repository_dispatch',
            event,
            sign: false,
            runId: String(90_000 + n),
          }),
        )
      } else if (next < hires.length || inFlight > 0) await new Promise((r) => setTimeout(r, 20))
      else return
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, people) }, worker))
  const lastEnd = Math.max(...outcomes.map((o) => o.endedAt), ...wakes.map((w) => w.endedAt))
  report = measure(sandbox, firstDispatch, lastEnd)
  if (values.log)
    writeFileSync(
      values.log,
      sandbox.log
        .list()
        .map((e) =>
          JSON.stringify({
            ms: e.at - firstDispatch,
            emulator: e.emulator,
            route: e.route ?? e.path,
            status: e.status,
          }),
        )
        .join('\n'),
    )
} finally {
  await sandbox.close()
  rmSync(workspace, { recursive: true, force: true })
  rmSync(accessDir, { recursive: true, force: true })
}
console.log(JSON.stringify(report))
if (values.report) writeFileSync(values.report, `${JSON.stringify(report, null, 2)}\n`)

function measure(s: Sandbox, firstDispatch: number, lastEnd: number) {
  const log = s.log.list()
  const refusedEntries = log.filter((e) => e.limited)
  const refused: Record<string, number> = {}
  for (const e of refusedEntries) refused[e.emulator] = (refused[e.emulator] ?? 0) + 1
  const calls = Object.fromEntries(
    Object.entries(s.counters().byEmulator)
      .filter(([, c]) => c.total > 0)
      .map(([k, c]) => [k, { total: c.total, reads: c.reads, changes: c.mutating, refused: c.limited }]),
  )
  // Where GitHub's reads go (they draw on the token's primary quota): by route, most first.
  const githubReads: Record<string, number> = {}
  for (const e of log.filter((e) => e.emulator === 'github' && !e.mutating)) {
    const route = e.route ?? `${e.method} ${e.path}`
    githubReads[route] = (githubReads[route] ?? 0) + 1
  }
  // GitHub's content-creating requests answered, per minute of sandbox time since the first dispatch (how much of
  // the 80 a minute the drains used), and the ledger commits that lost the compare-and-swap (STALE_DATA).
  const contentPerMinute: number[] = []
  for (const e of log.filter((e) => e.emulator === 'github' && e.mutating && !e.limited && e.status !== 0)) {
    const minute = Math.max(0, Math.floor((e.at - firstDispatch) / 60_000))
    while (contentPerMinute.length <= minute) contentPerMinute.push(0)
    contentPerMinute[minute]!++
  }
  const batches = batchCommits(s)
  const lostCommits = batches.made - batches.landed
  // The calls the hires needed: every answered request (a refused one is a retry's cost, not a need).
  const needed = log.filter((e) => !e.limited && e.status !== 0)
  const count = (f: (e: (typeof needed)[number]) => boolean) => needed.filter(f).length
  const org = guardrails.github?.org ?? 'acme'
  const ghContent = count((e) => e.emulator === 'github' && e.mutating)
  const invitations = count(
    (e) => e.emulator === 'github' && e.method === 'POST' && e.path === `/orgs/${org}/invitations` && e.status < 300,
  )
  const cap = guardrails.github?.invitationCap ?? 50
  const oktaFamily = (route: string) => {
    const [method, path = ''] = route.split(' ')
    if (path === '/api/v1/users') return 'users'
    if (path.startsWith('/api/v1/users/')) return method === 'GET' ? 'userById' : 'userWrite'
    if (path === '/api/v1/groups') return 'groups'
    return 'groupById'
  }
  // Okta's per-minute limits (sandbox defaults, the Workforce column of the documented limits); fixed windows.
  const oktaPerMinute: Record<string, number> = {
    users: 600,
    userById: 2000,
    userWrite: 600,
    groups: 500,
    groupById: 1000,
  }
  const oktaCounts: Record<string, number> = {}
  for (const e of needed.filter((e) => e.emulator === 'okta' && e.path.startsWith('/api/v1/'))) {
    const family = oktaFamily(`${e.method} ${e.route?.split(' ').at(-1) ?? e.path}`)
    oktaCounts[family] = (oktaCounts[family] ?? 0) + 1
  }
  // Slack: Tier 2/3/4 per method per minute; chat.postMessage 1 a second per channel (burst 3).
  const slackTier: Record<string, number> = {
    'auth.test': 100,
    'users.lookupByEmail': 50,
    'conversations.list': 20,
    'conversations.history': 50,
    'conversations.info': 50,
    'conversations.invite': 50,
    'conversations.kick': 50,
    'conversations.members': 100,
    'conversations.join': 50,
  }
  const slackMethod = (path: string) => path.split('/').at(-1) ?? ''
  const slackCounts: Record<string, number> = {}
  for (const e of needed.filter((e) => e.emulator === 'slack'))
    slackCounts[slackMethod(e.path)] = (slackCounts[slackMethod(e.path)] ?? 0) + 1
  const announcePosts = s.emulators.slack.emulator.messages(ANNOUNCE_CHANNEL).length
  const iamCalls = count((e) => e.emulator === 'iam')

  // Time a bucket of `capacity` (full at the start) refilling `capacity` per `periodMs` needs to serve `n`.
  const bucket = (n: number, capacity: number, periodMs: number) => Math.max(0, ((n - capacity) / capacity) * periodMs)
  // A fixed window: the n-th call can go only in window ceil(n / capacity).
  const windowed = (n: number, capacity: number, periodMs: number) =>
    Math.max(0, Math.ceil(n / capacity) - 1) * periodMs
  // The fastest run that went through every job: a run cancelled in a concurrency group ended after its review.
  const fastestRun = Math.min(...outcomes.filter((o) => o.conclusion === 'success').map((o) => o.endedAt - o.startedAt))
  // Not a rate limit: the last dispatch plus the fastest run. On a scaled clock a run's process time is
  // multiplied by the scale too, so this floor says more about the machine than about the services.
  const runFloor = 60_000 - Math.floor(60_000 / people) + fastestRun
  const bounds: Record<string, number> = {
    // Nothing finishes before its event arrives.
    'dispatch window (last event dispatched)': Math.floor(((people - 1) * 60_000) / people),
    // In sliding windows the (80k+1)-th request goes k minutes after the first at the soonest.
    'github content-creating 80/min': (strictWindows ? windowed : bucket)(ghContent, 80, 60_000),
    'github content-creating 500/h': (strictWindows ? windowed : bucket)(ghContent, 500, 3_600_000),
    [`github invitation cap ${cap}/24h`]: windowed(invitations, cap, 86_400_000),
    'iam 20 requests/s': bucket(iamCalls, 20, 1000),
    [`slack chat.postMessage 1/s in ${ANNOUNCE_CHANNEL}`]: bucket(announcePosts, 3, 3000),
  }
  for (const [family, n] of Object.entries(oktaCounts))
    bounds[`okta ${family} ${oktaPerMinute[family]}/min`] = windowed(n, oktaPerMinute[family]!, 60_000)
  for (const [method, n] of Object.entries(slackCounts))
    if (slackTier[method]) bounds[`slack ${method} ${slackTier[method]}/min`] = bucket(n, slackTier[method], 60_000)
  const [binding, lowerBound] = Object.entries(bounds).sort((a, b) => b[1] - a[1])[0]!

  // Side effects made twice for one person, from the emulators' own state.
  const github = s.emulators.github.emulator.state() as {
    invitations: { org: string; login: string | null }[]
  }
  const welcomePosts = s.emulators.slack.emulator
    .messages(ANNOUNCE_CHANNEL)
    .map((m) => (m.metadata?.event_payload as { key?: string } | undefined)?.key)
  const mails = s.mail.list()
  const duplicates: string[] = []
  for (const h of hires) {
    const inv = github.invitations.filter((i) => i.org === org && i.login === h.login).length
    if (inv > 1) duplicates.push(`${h.id}: ${inv} invitations`)
    const posts = welcomePosts.filter((k) => k?.endsWith(`:${h.eventId}`)).length
    if (posts > 1) duplicates.push(`${h.id}: ${posts} welcome posts`)
    const mail = mails.filter((m) => m.envelope?.to?.includes(h.email)).length
    if (mail > 1) duplicates.push(`${h.id}: ${mail} welcome emails`)
  }
  // Hires whose role grants GitHub access but who hold neither an invitation nor a membership (deferred past the
  // invitation cap: the run can still be green, and nothing sends it later without a person rerunning it).
  const roleMap = loadRoleMap(join(repoRoot, '.github/access/roles.yaml'))
  const members =
    (s.emulators.github.emulator.state() as { orgs: { login: string; members: Record<string, string> }[] }).orgs.find(
      (o) => o.login === org,
    )?.members ?? {}
  const notInvited = hires.filter(
    (h) =>
      roleMap.roles[h.role]?.github &&
      !members[h.login] &&
      !github.invitations.some((i) => i.org === org && i.login === h.login),
  ).length
  // A run cancelled in a concurrency group is not a failure (its hire was drained by the job that replaced it);
  // a hire is done when the ledger holds their event applied and every step's result for it.
  const failed = outcomes.filter((o) => o.conclusion !== 'success' && o.conclusion !== 'cancelled')
  const failedWakes = wakes.filter((w) => w.conclusion !== 'success' && w.conclusion !== 'cancelled')
  const notApplied = hires.filter((h) => {
    const text = s.emulators.github.emulator.file(
      SANDBOX_REPOSITORY.owner,
      SANDBOX_REPOSITORY.name,
      `people/${h.id}.json`,
      'onramp-state',
    )
    const r = text ? JSON.parse(text) : undefined
    const steps = ['identity', 'github', 'aws', 'notify'].map((n) => r?.steps?.[n])
    return (
      r?.last_event?.event_id !== h.eventId || steps.some((x) => x?.event_id !== h.eventId || x.result === 'failed')
    )
  })
  return {
    people,
    concurrency,
    time_scale: timeScale,
    github_content_window: strictWindows ? 'sliding' : 'rolling',
    wall_ms: lastEnd - firstDispatch,
    lower_bound_ms: Math.round(lowerBound),
    binding_limit: binding,
    ratio: Number((lowerBound / (lastEnd - firstDispatch)).toFixed(3)),
    run_floor_ms: runFloor,
    fastest_run_ms: fastestRun,
    refused,
    refused_total: refusedEntries.length,
    failed: failed.length + failedWakes.length + notApplied.length,
    failed_runs: [
      ...failed.map((o) => `${o.hire.id}: ${o.conclusion}`),
      ...failedWakes.map((w) => `wake-up: ${w.conclusion}`),
    ],
    wake_runs: wakes.length,
    not_applied: notApplied.map((h) => h.id),
    cancelled_runs: outcomes.filter((o) => o.conclusion === 'cancelled').length,
    invitation_cap: capRaised ? `raised to ${cap} (paid organization)` : `${cap} (as configured)`,
    github_access_not_invited: notInvited,
    duplicates: duplicates.length,
    duplicate_effects: duplicates,
    calls: calls,
    github_content_per_minute: contentPerMinute,
    ledger_commits_lost: lostCommits,
    github_reads_by_route: Object.fromEntries(Object.entries(githubReads).sort((a, b) => b[1] - a[1])),
    needed: { github_content_creating: ghContent, invitations, iam: iamCalls, okta: oktaCounts, slack: slackCounts },
    bounds_ms: Object.fromEntries(Object.entries(bounds).map(([k, v]) => [k, Math.round(v)])),
  }
}
