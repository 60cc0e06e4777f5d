// The role's Slack channels (roles.yaml `slack.channels`) as reconcile items: the person is invited once they have
// a Slack account (found by email), and read back from conversations.members. Only the channels onramp added (the
// ledger's ids.slack.channels) are ever removed, on a role change or a leaver; a channel of the previous role the
// person was in before onramp is left alone and named in the summary.

import type { Item, Receipt } from '@onramp/core'
import type { Slack } from './slack.js'

interface Member {
  member: true
}

export interface ChannelWork {
  items: Item<unknown>[]
  /** The person's Slack user id, when they have an account. */
  userId?: string
  /** What the summary should say (channels left alone, no account). PII-free. */
  notes: string[]
  /** The channels onramp added, once these receipts are in. */
  added(receipts: Receipt[]): string[]
}

export interface ChannelInput {
  slack: Slack
  email: string | undefined
  /** The Slack user id the ledger holds, for events that carry no email (a role change). */
  knownUserId?: string
  /** The role's channels (none for a leaver). */
  desired: string[]
  /** The channels onramp added earlier (ledger). */
  added: string[]
  /** The previous role's channels, on a role change: reported when the person is in one onramp did not add. */
  previous: string[]
  offboard: boolean
}

const ITEM_PREFIX = 'slack-channel:'

/** A failure every item shares (the account look-up), shown on one item. */
function failing(key: string, error: unknown): Item<unknown> {
  return {
    key,
    desired: { exists: true },
    read: async () => {
      throw error
    },
    apply: async () => {},
  }
}

export async function channelWork(input: ChannelInput): Promise<ChannelWork> {
  const { slack, desired, added, offboard } = input
  const wanted = [...new Set([...desired, ...added])]
  const keep = (receipts: Receipt[]) => keptChannels(added, desired, receipts)
  if (!wanted.length) return { items: [], notes: [], added: () => added }
  let user: { id: string; deleted: boolean } | undefined
  if (input.email) {
    try {
      user = await slack.user(input.email)
    } catch (error) {
      return { items: [failing('slack-account', error)], notes: [], added: () => added }
    }
  } else if (input.knownUserId) user = { id: input.knownUserId, deleted: false }
  else return { items: [], notes: ['no email: Slack channels skipped'], added: () => added }
  if (!user || user.deleted) {
    if (offboard || !desired.length)
      return { items: [], notes: ['no active Slack account: no channel to remove'], added: () => added }
    // Not an error: most hires get their Slack account from the IdP a little later. A rerun invites them.
    const account: Item<{ exists: true }> = {
      key: 'slack-account',
      desired: { exists: true },
      read: async () => undefined,
      verb: () => 'wait',
      apply: async () => ({
        result: 'pending',
        reason: `no Slack account for this email yet: a rerun invites them to ${desired.join(', ')}`,
      }),
    }
    return { items: [account], notes: [], added: () => added }
  }
  const userId = user.id

  const items: Item<Member>[] = wanted.map((name) => {
    let channelId: string | undefined
    const id = async () => {
      channelId ??= await slack.channelId(name)
      if (!channelId) throw new Error(`slack: channel ${name} not found (the bot must be a member of it)`)
      return channelId
    }
    return {
      key: `${ITEM_PREFIX}${name}`,
      desired: desired.includes(name) ? { member: true } : undefined,
      read: async () => ((await slack.members(await id())).has(userId) ? { member: true } : undefined),
      verb: (found) => (found ? 'remove' : 'invite'),
      async apply(found) {
        if (found) await slack.kick(await id(), userId)
        else await slack.invite(await id(), userId)
      },
    }
  })

  const notes: string[] = []
  for (const name of input.previous.filter((c) => !wanted.includes(c))) {
    try {
      const channelId = await slack.channelId(name)
      if (channelId && (await slack.members(channelId)).has(userId))
        notes.push(`left in ${name}: a channel of the previous role that onramp did not add`)
    } catch {
      notes.push(`could not check ${name}`)
    }
  }
  return { items, userId, notes, added: keep }
}

/** The ledger's list after this run: invited channels join it, removed ones leave it; a member before stays out. */
export function keptChannels(before: string[], desired: string[], receipts: Receipt[]): string[] {
  const out = new Set(before)
  for (const r of receipts) {
    if (!r.item.startsWith(ITEM_PREFIX) || !r.verified) continue
    const name = r.item.slice(ITEM_PREFIX.length)
    if (!desired.includes(name)) out.delete(name)
    else if (r.action === 'invite') out.add(name)
  }
  return [...out].sort()
}
