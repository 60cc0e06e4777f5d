// A role-map change to show and test the plan and its apply with: backend-engineer gains the GitHub team
// `platform`, data-analyst loses the AWS policy AmazonAthenaFullAccess. Made from the repository's own
// roles.yaml, so it stays valid as the map evolves.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

export const ADDED_TEAM = 'team:platform'
export const DROPPED_POLICY = 'policy:arn:aws:iam::aws:policy/AmazonAthenaFullAccess'

/** The text of `repoRoot`'s roles.yaml with the change made. */
export function changedRoles(repoRoot: string): string {
  const text = readFileSync(join(repoRoot, '.github/access/roles.yaml'), 'utf8')
  const teams = '      teams:\n        - engineering\n'
  const policy = '        - arn:aws:iam::aws:policy/AmazonAthenaFullAccess\n'
  if (!text.includes(teams) || !text.includes(policy)) throw new Error('roles.yaml no longer has the lines to change')
  return text.replace(teams, `${teams}        - platform\n`).replace(policy, '')
}
