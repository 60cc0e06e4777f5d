// An access plan as Markdown for a pull-request review or a terminal: the guard's verdict first, then what each
// role gains and loses, then per system a short table of each item and the people who gain and lose it, with
// the same per person folded below (employee ids only), then the counts. Long lists are cut, saying how many
// were left out (the JSON has all).

import { type AccessPlan, type GrantLine, percent, type SystemDelta } from './access-plan.js'
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

/** Per item key of `system`, sorted: the employee ids that gain it and that lose it. */
function byItem(plan: AccessPlan, system: System): [string, { add: string[]; remove: string[] }][] {
  const out = new Map<string, { add: string[]; remove: string[] }>()
  for (const p of plan.people) {
    const d = p.systems[system]
    if (!d) continue
    for (const side of ['add', 'remove'] as const)
      for (const key of d[side]) {
        const who = out.get(key) ?? { add: [], remove: [] }
        who[side].push(p.employee_id)
        out.set(key, who)
      }
  }
  return [...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
}

/** Employee ids, cut after `max` with how many more. */
function people(ids: string[], max: number): string {
  if (!ids.length) return '–'
  const shown = ids.slice(0, max).map(cell).join(', ')
  return ids.length > max ? `${shown} and ${ids.length - max} more` : shown
}

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
    if (c) out.push(`${c.people} ${c.people === 1 ? 'person' : 'people'}: ${c.add} added, ${c.remove} removed.`, '')
    // Per item, who gains and who loses it: as many rows as items, however many people.
    out.push('| Item | Gained by | Lost by |', '| --- | --- | --- |')
    for (const [key, who] of byItem(plan, s))
      out.push(`| ${code(key)} | ${people(who.add, maxRows)} | ${people(who.remove, maxRows)} |`)
    out.push('', '<details><summary>Per person</summary>', '')
    out.push('| Employee | Role | Gains | Loses |', '| --- | --- | --- | --- |', ...rows.slice(0, maxRows))
    if (rows.length > maxRows) out.push('', `…and ${rows.length - maxRows} more people (see the plan JSON).`)
    out.push('', '</details>')
  }

  const g = plan.grants
  if (g && (g.active.length || g.new.length || g.withdrawn.length || g.problems.length)) {
    // By employee id only; the reason stays in grants.yaml and the ledger.
    out.push('', '### Time-bound grants', '')
    for (const p of g.problems) out.push(`- ⛔ ${cell(`${p.field ?? ''}: ${p.rule}`)}`)
    if (g.problems.length) out.push('')
    const rows = (status: string, list: GrantLine[]) =>
      list.map(
        (l) =>
          `| ${status} | ${code(l.id)} | ${cell(l.employee_id)} | ${items(l.items)} | ${cell(l.until)} | ${l.source === 'file' ? 'grants.yaml' : 'grant.yml'} |`,
      )
    const all = [...rows('new', g.new), ...rows('active', g.active), ...rows('withdrawn', g.withdrawn)]
    if (all.length)
      out.push(
        '| Status | Grant | Employee | Items | Until (UTC) | From |',
        '| --- | --- | --- | --- | --- | --- |',
        ...all,
      )
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
