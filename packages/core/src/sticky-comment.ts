// One comment per pull request that a workflow keeps current instead of repeating: found again by a hidden
// marker at the start of its body, updated in place, created only when there is none. Octokit is the caller's
// (`@onramp/core/github`), so the retry policy and pacing apply; this module loads no SDK itself.
import type { GithubClient } from './clients/github.js'

/** GitHub refuses a comment body over this many characters (422 "Body is too long"). */
export const MAX_COMMENT_CHARS = 65_536

export interface StickyComment {
  owner: string
  repo: string
  issueNumber: number
  /** An HTML comment (`<!-- onramp:plan -->`): invisible in the rendered comment, the key to find it again. */
  marker: string
  /** Markdown without the marker. */
  body: string
  /** Said in place of what is cut when the body is too long for one comment. */
  truncatedNote: string
}

export interface StickyResult {
  id: number
  action: 'created' | 'updated' | 'unchanged'
}

/** The body as posted: the marker first, cut at a line boundary (with the note) to fit GitHub's limit. */
export function stickyBody(c: Pick<StickyComment, 'marker' | 'body' | 'truncatedNote'>): string {
  const full = `${c.marker}\n${c.body}`
  if (full.length <= MAX_COMMENT_CHARS) return full
  const room = MAX_COMMENT_CHARS - c.truncatedNote.length - 2
  const cut = full.slice(0, room)
  const atLine = cut.lastIndexOf('\n')
  return `${atLine > c.marker.length ? cut.slice(0, atLine) : cut}\n\n${c.truncatedNote}`
}

/**
 * Updates the bot comment whose body starts with the marker, or creates it. Only a bot's comment counts (a
 * person quoting the marker is left alone); of several, the oldest is kept current.
 */
export async function upsertStickyComment(octokit: GithubClient, c: StickyComment): Promise<StickyResult> {
  const body = stickyBody(c)
  const { owner, repo, issueNumber } = c
  const comments = await octokit.paginate(octokit.rest.issues.listComments, {
    owner,
    repo,
    issue_number: issueNumber,
    per_page: 100,
  })
  const mine = comments.find((x) => x.user?.type === 'Bot' && (x.body ?? '').startsWith(c.marker))
  if (mine && mine.body === body) return { id: mine.id, action: 'unchanged' }
  if (mine) {
    await octokit.rest.issues.updateComment({ owner, repo, comment_id: mine.id, body })
    return { id: mine.id, action: 'updated' }
  }
  const { data } = await octokit.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body })
  return { id: data.id, action: 'created' }
}
