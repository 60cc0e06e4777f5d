// An access plan as Markdown for a pull-request review or a terminal: the guard's verdict first, then what each
// role gains and loses, then one short table per system of the people who gain and lose items (employee ids
// only), then the counts. Long tables are cut with a line saying how many rows were left out (the JSON has all).

import { type AccessPlan, percent, type SystemDelta } from './access-plan.js'
import { SYSTEMS, type System } from './types.js'

const TITLES: Record<System, string> = {
  identity: 'Identity provider',
  github: 'GitHub',
  aws: 'AWS',
  slack: 'Slack',
}

export interface RenderOptions {
  /** Most people rows per system table (default 50). */
  maxRows?: number
}

/** Table cells hold item keys and ids: escape what Markdown would read (pipes, backticks, line breaks). */
function cell(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, ' ')
}
const code = (key: string) =>
  `\`${key
    .replace(/`/g, "'")
    .replace(/\|/g, '\\|')
    .replace(/[\r\n]+/g, ' ')}\``
const items = (keys: string[]) => (keys.length ? keys.map(code).join(', ') : '–')

export function renderPlanMarkdown(plan: AccessPlan, options: RenderOptions = {}): string {
  const maxRows = options.maxRows ?? 50
  const { guard, counts } = plan
  const out: string[] = ['## onramp access plan', '']
  const verdict = guard.ok ? '✅ **Guard: within limits.**' : '⛔ **Guard: over the limit, nothing would change.**'
  out.push(
    `${verdict} ${guard.removals} removals (limit ${guard.limits.removals}); ${percent(guard.share)} of managed people lose access (limit ${percent(guard.limits.share)}).`,
  )
  if (!guard.ok && guard.reason) out.push('', `> ${cell(guard.reason)}`)
  if (plan.unreadable?.length)
    out.push('', `⚠️ Not read, so people and counts are partial: ${plan.unreadable.map(cell).join('; ')}.`)
  out.push(
    '',
    `${counts.affected} of ${counts.managed} managed people change: ${counts.add} items added, ${counts.remove} removed.`,
  )

  const changedRoles = Object.entries(plan.roles).filter(([, systems]) => Object.keys(systems).length > 0)
  out.push('', '### Roles', '')
  if (!changedRoles.length) out.push('No role changes.')
  else {
    out.push('| Role | System | Gains | Loses |', '| --- | --- | --- | --- |')
    for (const [role, systems] of changedRoles)
      for (const s of SYSTEMS) {
        const d = systems[s]
        if (d) out.push(`| ${cell(role)} | ${TITLES[s]} | ${items(d.add)} | ${items(d.remove)} |`)
      }
  }

  for (const s of SYSTEMS) {
    const rows = plan.people.flatMap((p) => {
      const d: SystemDelta | undefined = p.systems[s]
      return d ? [`| ${cell(p.employee_id)} | ${cell(p.role ?? '–')} | ${items(d.add)} | ${items(d.remove)} |`] : []
    })
    if (!rows.length) continue
    const c = counts.by_system[s]
    out.push('', `### ${TITLES[s]}`, '')
    if (c) out.push(`${c.people} people: ${c.add} added, ${c.remove} removed.`, '')
    out.push('| Employee | Role | Gains | Loses |', '| --- | --- | --- | --- |', ...rows.slice(0, maxRows))
    if (rows.length > maxRows) out.push('', `…and ${rows.length - maxRows} more people (see the plan JSON).`)
  }

  const systems = SYSTEMS.filter((s) => counts.by_system[s])
  if (systems.length) {
    out.push('', '### Counts', '', '| System | People | Added | Removed |', '| --- | --- | --- | --- |')
    for (const s of systems) {
      const c = counts.by_system[s]!
      out.push(`| ${TITLES[s]} | ${c.people} | ${c.add} | ${c.remove} |`)
    }
  }
  return `${out.join('\n')}\n`
}
