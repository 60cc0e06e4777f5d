// The job summary as a person reads it: per item `before → after` and its result, unchanged items folded, the
// plan in words, and what to do when something failed. Pure rendering to GitHub-flavoured Markdown; io.ts
// writes it (after the personal-data guard).

import type { Receipt } from './reconcile.js'
import type { Plan } from './types.js'

export interface SummaryInput {
  title: string
  /** The plan, rendered in words (validate's summary). */
  plan?: Plan
  receipts: Receipt[]
  /** Free text under the title (e.g. "Dry run: nothing was changed."). */
  note?: string
  /** The person and event, for the rerun line when an item failed. */
  rerun?: { employeeId: string; eventType: string }
}

/** Free text: no raw HTML, no table breaks. */
export const mdText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
const cellText = (s: string) => mdText(s).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')

/** A value in a code span (the delimiter grows when the value holds a backtick). */
function code(s: string): string {
  const fence = s.includes('`') ? '``' : '`'
  const pad = s.startsWith('`') || s.endsWith('`') ? ' ' : ''
  return `${fence}${pad}${s}${pad}${fence}`
}

/** A state in words: absent, a scalar, a list, or `key value` pairs (ids and states only, never personal data). */
export function showValue(v: unknown): string {
  if (v === undefined || v === null) return 'absent'
  if (typeof v === 'string') return v
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  if (Array.isArray(v)) return v.length ? v.map(showValue).join(', ') : 'none'
  if (typeof v === 'object') {
    const pairs = Object.entries(v as Record<string, unknown>).filter(
      ([, x]) => x !== undefined && x !== null && !(Array.isArray(x) && x.length === 0),
    )
    if (!pairs.length) return '{}'
    return pairs
      .map(([k, x]) => `${k} ${typeof x === 'object' && !Array.isArray(x) ? `{${showValue(x)}}` : showValue(x)}`)
      .join(', ')
  }
  return String(v)
}

const cellValue = (v: unknown) => code(showValue(v)).replace(/\|/g, '\\|')

const ICON: Record<Receipt['result'], string> = {
  changed: '✅',
  unchanged: '',
  scheduled: '🗓️',
  pending: '⏳',
  deferred: '⏸️',
  failed: '❌',
}

/** A dry run reports what it would do with result `unchanged` and a reason `dry run: would …`. */
const isDryRunWould = (r: Receipt) => r.result === 'unchanged' && r.action !== 'none'
/** Folded: nothing to see (found as wanted, or a report with nothing done). */
const isQuiet = (r: Receipt) => r.result === 'unchanged' && r.action === 'none'

function resultCell(r: Receipt): string {
  if (isDryRunWould(r)) return cellText(r.reason ?? `dry run: would ${r.action}`)
  const verb = r.action !== 'none' ? ` (${r.action})` : ''
  const unverified = r.result === 'changed' && !r.verified ? ', not read back' : ''
  const why = r.reason && r.result !== 'changed' ? `: ${r.reason}` : r.reason ? ` — ${r.reason}` : ''
  return cellText(`${ICON[r.result]} ${r.result}${verb}${unverified}${why}`.trim())
}

function changeCell(r: Receipt): string {
  const before = showValue(r.before)
  const after = showValue(r.after)
  let text = before === after ? cellValue(r.after) : `${cellValue(r.before)} → ${cellValue(r.after)}`
  // A failed item: say what was wanted when the read-back does not show it.
  if (r.result === 'failed' && r.desired !== undefined && showValue(r.desired) !== after)
    text += ` (wanted ${cellValue(r.desired)})`
  return text
}

function counts(receipts: Receipt[]): string {
  const order: Receipt['result'][] = ['failed', 'deferred', 'pending', 'scheduled', 'changed', 'unchanged']
  const would = receipts.filter(isDryRunWould).length
  const parts = order
    .map((res) => [res, receipts.filter((r) => r.result === res && !isDryRunWould(r)).length] as const)
    .filter(([, n]) => n > 0)
    .map(([res, n]) => `${n} ${res}`)
  if (would) parts.unshift(`${would} would change`)
  return parts.join(' · ')
}

function nextSteps(receipts: Receipt[], rerun: SummaryInput['rerun']): string[] {
  const lines: string[] = []
  const failed = receipts.filter((r) => r.result === 'failed')
  const root = failed.filter((r) => !r.reason?.startsWith('not attempted:'))
  if (failed.length) {
    lines.push('### What to do', '')
    for (const r of root.length ? root : failed) lines.push(`- ${code(r.item)}: ${mdText(r.reason ?? 'failed')}`)
    const skipped = failed.length - root.length
    if (root.length && skipped) lines.push(`- ${skipped} item(s) waiting on those were not attempted.`)
    lines.push(
      '',
      'Fix the cause named above (a credential, a permission, the access files or the account itself), then rerun: ' +
        `Actions → lifecycle → Run workflow${rerun ? ` with employee id ${code(rerun.employeeId)} and event type ${code(rerun.eventType)}` : ''}. ` +
        'A rerun is a dry run by default and shows what it would change; untick dry run to apply. ' +
        'What is already done is not repeated.',
      '',
    )
  }
  const pending = receipts.filter((r) => r.result === 'pending').length
  const deferred = receipts.filter((r) => r.result === 'deferred').length
  if (pending || deferred) {
    lines.push('### What happens next', '')
    if (pending)
      lines.push(
        `- ${pending} pending: waiting on the person or the service, as the table says. Not a failure; the next run for this person confirms it.`,
      )
    if (deferred) lines.push(`- ${deferred} deferred: not attempted yet, for the reason in the table; rerun later.`)
    lines.push('')
  }
  return lines
}

/** The job summary in Markdown. */
export function renderSummary({ title, plan, receipts, note, rerun }: SummaryInput): string {
  const out = [`## ${mdText(title)}`, '']
  if (note) out.push(mdText(note), '')
  const shown = receipts.filter((r) => !isQuiet(r))
  const quiet = receipts.filter(isQuiet)
  if (receipts.length) {
    out.push(`**${counts(receipts)}**`, '')
    if (shown.length) {
      out.push('| Item | Before → after | Result |', '| --- | --- | --- |')
      for (const r of shown) out.push(`| ${code(r.item).replace(/\|/g, '\\|')} | ${changeCell(r)} | ${resultCell(r)} |`)
      out.push('')
    }
    if (quiet.length) {
      out.push(`<details><summary>${quiet.length} unchanged</summary>`, '')
      for (const r of quiet)
        out.push(`- ${code(r.item)}: ${code(showValue(r.after))}${r.reason ? ` — ${mdText(r.reason)}` : ''}`)
      out.push('', '</details>', '')
    }
  } else if (!plan) out.push('No items.', '')
  out.push(...nextSteps(receipts, rerun))
  if (plan) out.push(...renderPlan(plan))
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`
}

const list = (xs: readonly string[]) => (xs.length ? xs.map(code).join(', ') : 'none')

/** The plan in words, one bullet per system, then the plan itself folded as JSON. */
export function renderPlan(plan: Plan): string[] {
  const out = ['### Plan', '']
  const role = plan.role ? ` as ${code(plan.role)}` : ''
  out.push(`${mdText(plan.eventType)} of ${code(plan.employeeId)}${role} (event ${code(plan.eventId)}):`, '')
  const { identity, github, aws, identityCenter: ic, slack, setup } = plan
  if (identity) {
    if (identity.presence === 'revoked')
      out.push('- **Identity provider**: suspend (or deactivate) the account, then end its sessions.')
    else if (identity.account === 'keep')
      out.push(`- **Identity provider**: the account is left as it is; the groups onramp granted are removed.`)
    else
      out.push(
        `- **Identity provider**: an active account in groups ${list(identity.groups)}; other groups onramp granted removed.`,
      )
  }
  if (github) {
    const teams = github.teams.map((t) => `${code(t.slug)} (${t.role})`).join(', ') || 'none'
    if (github.presence === 'revoked')
      out.push(`- **GitHub** ${code(github.org)}: remove from the organization and its managed teams.`)
    else if (github.account === 'keep')
      out.push(
        `- **GitHub** ${code(github.org)}: membership left as it is; teams ${teams}; other teams onramp granted removed.`,
      )
    else out.push(`- **GitHub** ${code(github.org)}: member (or invited), teams ${teams}.`)
  }
  if (aws) {
    if (aws.presence === 'revoked')
      out.push(
        '- **AWS IAM**: access keys and the console password deleted, managed policies and groups removed; the user is kept, disabled.',
      )
    else if (aws.account === 'keep')
      out.push(
        `- **AWS IAM**: the user is left as it is; groups ${list(aws.groups)}, policies ${list(aws.policies)}; others onramp granted removed.`,
      )
    else
      out.push(
        `- **AWS IAM**: a user under ${code(aws.userPath)} with boundary ${code(aws.permissionsBoundary)}; ` +
          `groups ${list(aws.groups)}; policies ${list(aws.policies)}; console ${aws.console ? 'through the identity provider' : 'no'}.`,
      )
  }
  if (ic) {
    const assignments = list(ic.assignments.map((a) => `${a.account}/${a.permissionSet}`))
    if (ic.presence === 'revoked')
      out.push(
        `- **AWS IAM Identity Center**: managed assignments and groups removed, read back; the Identity Store user is ${ic.onOffboard === 'delete' ? 'then deleted if onramp created it' : 'kept'}.`,
      )
    else if (ic.account === 'keep')
      out.push('- **AWS IAM Identity Center**: the user is left as it is; managed assignments and groups removed.')
    else
      out.push(
        `- **AWS IAM Identity Center**: the Identity Store user (${ic.users === 'onramp' ? 'created by onramp' : 'provisioned by the identity provider'}); ` +
          `assignments ${assignments}; groups ${list(ic.groups)}; sign-in at the AWS access portal.`,
      )
  }
  if (slack)
    out.push(
      `- **Slack**: channels ${list(slack.channels)}; announce in ${code(slack.announceChannel)}, alerts in ${code(slack.alertsChannel)}.`,
    )
  if (setup?.repos.length) out.push(`- **Setup**: the welcome email lists ${list(setup.repos)}.`)
  out.push(
    '',
    '<details><summary>Plan as JSON</summary>',
    '',
    '```json',
    JSON.stringify(plan),
    '```',
    '',
    '</details>',
    '',
  )
  return out
}
