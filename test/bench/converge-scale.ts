// Plan and reconcile at scale (issue 14, item 7): for each size, a converged organization seeded straight into
// the sandbox (test/support/converge-scale.ts), the access plan over every ledger record (pure: wall time), and a
// report-mode converge run (`employee-ids: all`, or `due` as reconcile.yml's quarter-hourly runs select, dry run)
// of grant-github and grant-aws in process, counting
// the requests each made from the sandbox's request log. Rate limits are on; the sandbox runs --time-scale times
// faster than real time, so rate budgets cost sandbox time, not real hours (sandbox ms is wall ms × the scale
// plus any budget wait: a local request costs milliseconds of this machine's time, not a network round trip).
// `budget h` is the hours GitHub's primary rate limit (5,000 requests an hour for an App installation) needs for
// the run's calls alone. Not a timed test: it reports numbers.
//   pnpm bench converge-scale [--people 10,100,1000] [--teams 10,100] [--roles 10] [--role-change-share 0.5]
//                             [--systems github,aws] [--time-scale 1000] [--select all|due] [--report FILE]
import { writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import {
  type ConvergeMeasure,
  measureConverge,
  measurePlan,
  type PlanMeasure,
  type ScaleSystem,
  startScaleFixture,
} from '../support/converge-scale.js'

const { values } = parseArgs({
  options: {
    people: { type: 'string', default: '10,100,1000' },
    teams: { type: 'string', default: '10,100' },
    roles: { type: 'string', default: '10' },
    'role-change-share': { type: 'string', default: '0.5' },
    systems: { type: 'string', default: 'github,aws' },
    'time-scale': { type: 'string', default: '1000' },
    select: { type: 'string', default: 'all' },
    report: { type: 'string' },
  },
})

const fail = (flag: string, rule: string): never => {
  console.error(`--${flag}: ${rule}`)
  process.exit(2)
}
const counts = (flag: 'people' | 'teams') => {
  const list = String(values[flag])
    .split(',')
    .map((s) => Number(s.trim()))
  if (!list.length || list.some((n) => !Number.isInteger(n) || n < 1 || n > 5000))
    fail(flag, 'must be whole numbers from 1 to 5000, comma-separated')
  return list
}
const people = counts('people')
const teams = counts('teams')
const roles = Number(values.roles)
if (!Number.isInteger(roles) || roles < 1 || roles > 100) fail('roles', 'must be a whole number from 1 to 100')
const roleChangeShare = Number(values['role-change-share'])
if (!(roleChangeShare >= 0 && roleChangeShare <= 1)) fail('role-change-share', 'must be between 0 and 1')
const timeScale = Number(values['time-scale'])
if (!(timeScale > 0)) fail('time-scale', 'must be a positive number')
const select = values.select
if (select !== 'all' && select !== 'due') fail('select', 'must be all or due')
const systems = String(values.systems).split(',') as ScaleSystem[]
if (!systems.length || systems.some((s) => s !== 'github' && s !== 'aws'))
  fail('systems', 'must be github, aws or both, comma-separated')

interface Row {
  people: number
  teams: number
  roles: number
  plan: PlanMeasure
  converge: ConvergeMeasure[]
}

const rows: Row[] = []
const header = [
  'people',
  'teams',
  'system',
  'items/person',
  'items',
  'calls',
  'writes',
  'limited',
  'calls/person',
  'calls/(person×item)',
  'wall ms',
  'sandbox ms',
  'budget h',
  'results',
]
const line = (cells: (string | number)[]) =>
  cells.map((c, i) => String(c).padStart(i === header.length - 1 ? 0 : 9)).join('  ')
console.log(line(header))
for (const m of teams)
  for (const n of people) {
    const f = await startScaleFixture({ people: n, teams: m, roles: Math.min(roles, m), roleChangeShare }, timeScale)
    try {
      const plan = await measurePlan(f)
      console.log(
        line([n, m, 'plan', '', m, 0, 0, 0, 0, 0, plan.plan_ms.toFixed(1), '', '', `${plan.affected} affected`]) +
          `  (ledger read ${plan.read_ms.toFixed(0)} ms)`,
      )
      const converge: ConvergeMeasure[] = []
      for (const system of systems) {
        const c = await measureConverge(f, system, { employeeIds: select as 'all' | 'due' })
        converge.push(c)
        console.log(
          line([
            n,
            m,
            system,
            c.items_per_person,
            c.items,
            c.calls,
            c.writes,
            c.limited,
            (c.calls / n).toFixed(1),
            (c.calls / (n * c.items_per_person)).toFixed(2),
            c.wall_ms.toFixed(0),
            c.sandbox_ms.toFixed(0),
            system === 'github' ? (c.calls / 5000).toFixed(2) : '',
            JSON.stringify(c.results),
          ]),
        )
        console.log(
          `${''.padStart(22)}by route: ${Object.entries(c.by_route)
            .map(([r, k]) => `${r} ${k}`)
            .join(', ')}`,
        )
      }
      rows.push({ people: n, teams: m, roles: f.shape.roles, plan, converge })
    } finally {
      await f.close()
    }
  }

if (values.report)
  writeFileSync(
    values.report,
    `${JSON.stringify({ time_scale: timeScale, role_change_share: roleChangeShare, rows }, null, 2)}\n`,
  )
