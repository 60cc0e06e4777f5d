// GitHub's response objects, with every field its OpenAPI description marks required, built from emulator
// state. URLs point at the sandbox itself so a client that follows one stays offline.

export const DOCS = 'https://docs.github.com/rest'

export interface UserRec {
  login: string
  id: number
  email?: string
  name?: string
  type?: 'User' | 'Organization' | 'Bot'
  createdAt: number
}

export interface OrgRec {
  login: string
  id: number
  description: string | null
  invitationCap: number
  createdAt: number
}

export interface TeamRec {
  org: string
  slug: string
  id: number
  name: string
  description: string | null
  privacy: 'closed' | 'secret'
  idpSynced: boolean
  createdAt: number
  updatedAt: number
}

export const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
export const nodeId = (kind: string, id: number | string) =>
  Buffer.from(`0${kind.length}:${kind}${id}`).toString('base64')

export function simpleUser(base: string, u: UserRec) {
  // A bot's login (`github-actions[bot]`) is percent-encoded in its URLs, and its page is its App's.
  const url = `${base}/users/${encodeURIComponent(u.login)}`
  const bot = u.type === 'Bot' ? /^(.*)\[bot\]$/.exec(u.login)?.[1] : undefined
  return {
    login: u.login,
    id: u.id,
    node_id: nodeId('User', u.id),
    avatar_url: `https://avatars.githubusercontent.com/u/${u.id}?v=4`,
    gravatar_id: '',
    url,
    html_url: bot ? `https://github.com/apps/${bot}` : `https://github.com/${u.login}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type: u.type ?? 'User',
    user_view_type: 'public',
    site_admin: false,
  }
}

export function publicUser(base: string, u: UserRec) {
  return {
    ...simpleUser(base, u),
    name: u.name ?? null,
    company: null,
    blog: '',
    location: null,
    // GitHub shows only a publicly visible email; the sandbox treats the seeded one as public.
    email: u.email ?? null,
    hireable: null,
    bio: null,
    twitter_username: null,
    public_repos: 0,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: iso(u.createdAt),
    updated_at: iso(u.createdAt),
  }
}

export function orgSimple(base: string, o: OrgRec) {
  const url = `${base}/orgs/${o.login}`
  return {
    login: o.login,
    id: o.id,
    node_id: nodeId('Organization', o.id),
    url,
    repos_url: `${url}/repos`,
    events_url: `${url}/events`,
    hooks_url: `${url}/hooks`,
    issues_url: `${url}/issues`,
    members_url: `${url}/members{/member}`,
    public_members_url: `${url}/public_members{/member}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${o.id}?v=4`,
    description: o.description,
  }
}

export function teamOrganization(base: string, o: OrgRec) {
  return {
    ...orgSimple(base, o),
    // company, blog, location and email are left out: the description types them as non-null strings.
    name: o.login,
    is_verified: false,
    has_organization_projects: true,
    has_repository_projects: true,
    public_repos: 0,
    public_gists: 0,
    followers: 0,
    following: 0,
    html_url: `https://github.com/${o.login}`,
    created_at: iso(o.createdAt),
    updated_at: iso(o.createdAt),
    archived_at: null,
    type: 'Organization',
  }
}

export function team(base: string, t: TeamRec, orgId: number) {
  const url = `${base}/organizations/${orgId}/team/${t.id}`
  return {
    id: t.id,
    node_id: nodeId('Team', t.id),
    url,
    html_url: `https://github.com/orgs/${t.org}/teams/${t.slug}`,
    name: t.name,
    slug: t.slug,
    description: t.description,
    privacy: t.privacy,
    notification_setting: 'notifications_enabled',
    permission: 'pull',
    members_url: `${url}/members{/member}`,
    repositories_url: `${url}/repos`,
    type: 'organization',
    organization_id: orgId,
    parent: null,
  }
}

export function teamFull(base: string, t: TeamRec, o: OrgRec, membersCount: number) {
  return {
    ...team(base, t, o.id),
    members_count: membersCount,
    repos_count: 0,
    created_at: iso(t.createdAt),
    updated_at: iso(t.updatedAt),
    organization: teamOrganization(base, o),
  }
}

export interface RepoRec {
  owner: string
  name: string
  id: number
  ownerId: number
  ownerType: 'User' | 'Organization'
  private: boolean
  defaultBranch: string
  createdAt: number
  pushedAt: number
}

export function fullRepository(base: string, r: RepoRec) {
  const url = `${base}/repos/${r.owner}/${r.name}`
  const html = `https://github.com/${r.owner}/${r.name}`
  const owner = simpleUser(base, { login: r.owner, id: r.ownerId, type: r.ownerType, createdAt: r.createdAt })
  return {
    id: r.id,
    node_id: nodeId('Repository', r.id),
    name: r.name,
    full_name: `${r.owner}/${r.name}`,
    owner,
    private: r.private,
    html_url: html,
    description: null,
    fork: false,
    url,
    archive_url: `${url}/{archive_format}{/ref}`,
    assignees_url: `${url}/assignees{/user}`,
    blobs_url: `${url}/git/blobs{/sha}`,
    branches_url: `${url}/branches{/branch}`,
    collaborators_url: `${url}/collaborators{/collaborator}`,
    comments_url: `${url}/comments{/number}`,
    commits_url: `${url}/commits{/sha}`,
    compare_url: `${url}/compare/{base}...{head}`,
    contents_url: `${url}/contents/{+path}`,
    contributors_url: `${url}/contributors`,
    deployments_url: `${url}/deployments`,
    downloads_url: `${url}/downloads`,
    events_url: `${url}/events`,
    forks_url: `${url}/forks`,
    git_commits_url: `${url}/git/commits{/sha}`,
    git_refs_url: `${url}/git/refs{/sha}`,
    git_tags_url: `${url}/git/tags{/sha}`,
    git_url: `git://github.com/${r.owner}/${r.name}.git`,
    issue_comment_url: `${url}/issues/comments{/number}`,
    issue_events_url: `${url}/issues/events{/number}`,
    issues_url: `${url}/issues{/number}`,
    keys_url: `${url}/keys{/key_id}`,
    labels_url: `${url}/labels{/name}`,
    languages_url: `${url}/languages`,
    merges_url: `${url}/merges`,
    milestones_url: `${url}/milestones{/number}`,
    notifications_url: `${url}/notifications{?since,all,participating}`,
    pulls_url: `${url}/pulls{/number}`,
    releases_url: `${url}/releases{/id}`,
    ssh_url: `git@github.com:${r.owner}/${r.name}.git`,
    stargazers_url: `${url}/stargazers`,
    statuses_url: `${url}/statuses/{sha}`,
    subscribers_url: `${url}/subscribers`,
    subscription_url: `${url}/subscription`,
    tags_url: `${url}/tags`,
    teams_url: `${url}/teams`,
    trees_url: `${url}/git/trees{/sha}`,
    clone_url: `${html}.git`,
    mirror_url: null,
    hooks_url: `${url}/hooks`,
    svn_url: html,
    homepage: null,
    language: null,
    forks_count: 0,
    forks: 0,
    stargazers_count: 0,
    watchers_count: 0,
    watchers: 0,
    size: 0,
    default_branch: r.defaultBranch,
    open_issues_count: 0,
    open_issues: 0,
    is_template: false,
    topics: [],
    has_issues: true,
    has_projects: true,
    has_wiki: true,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: false,
    disabled: false,
    visibility: r.private ? 'private' : 'public',
    pushed_at: iso(r.pushedAt),
    created_at: iso(r.createdAt),
    updated_at: iso(r.pushedAt),
    permissions: { admin: true, maintain: true, push: true, triage: true, pull: true },
    license: null,
    network_count: 0,
    subscribers_count: 0,
  }
}

export interface CommitRec {
  sha: string
  treeSha: string
  parents: string[]
  message: string
  at: number
  author: { name: string; email: string }
}

const unverified = { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null }

export function commit(base: string, r: RepoRec, c: CommitRec) {
  const url = `${base}/repos/${r.owner}/${r.name}`
  const person = { ...c.author, date: iso(c.at) }
  return {
    sha: c.sha,
    node_id: nodeId('Commit', c.sha),
    url: `${url}/commits/${c.sha}`,
    html_url: `https://github.com/${r.owner}/${r.name}/commit/${c.sha}`,
    comments_url: `${url}/commits/${c.sha}/comments`,
    commit: {
      url: `${url}/git/commits/${c.sha}`,
      author: person,
      committer: person,
      message: c.message,
      comment_count: 0,
      tree: { sha: c.treeSha, url: `${url}/git/trees/${c.treeSha}` },
      verification: unverified,
    },
    author: null,
    committer: null,
    parents: c.parents.map((sha) => ({
      sha,
      url: `${url}/commits/${sha}`,
      html_url: `https://github.com/${r.owner}/${r.name}/commit/${sha}`,
    })),
  }
}

export function branchWithProtection(base: string, r: RepoRec, name: string, c: CommitRec) {
  const url = `${base}/repos/${r.owner}/${r.name}/branches/${name}`
  return {
    name,
    commit: commit(base, r, c),
    _links: { self: url, html: `https://github.com/${r.owner}/${r.name}/tree/${name}` },
    protected: false,
    protection: {
      enabled: false,
      required_status_checks: { enforcement_level: 'off', contexts: [], checks: [] },
    },
    protection_url: `${url}/protection`,
  }
}

export function contentItem(
  base: string,
  r: RepoRec,
  path: string,
  ref: string,
  sha: string,
  size: number,
  type: 'file' | 'dir',
) {
  const url = `${base}/repos/${r.owner}/${r.name}/contents/${path}?ref=${encodeURIComponent(ref)}`
  const html = `https://github.com/${r.owner}/${r.name}/${type === 'file' ? 'blob' : 'tree'}/${ref}/${path}`
  const gitUrl = `${base}/repos/${r.owner}/${r.name}/git/${type === 'file' ? 'blobs' : 'trees'}/${sha}`
  return {
    name: path.split('/').at(-1) ?? path,
    path,
    sha,
    size,
    url,
    html_url: html,
    git_url: gitUrl,
    download_url: type === 'file' ? `https://raw.githubusercontent.com/${r.owner}/${r.name}/${ref}/${path}` : null,
    type,
    _links: { self: url, git: gitUrl, html },
  }
}

export function fileCommit(base: string, r: RepoRec, content: ReturnType<typeof contentItem>, c: CommitRec) {
  const full = commit(base, r, c)
  const person = { ...c.author, date: iso(c.at) }
  return {
    content,
    commit: {
      sha: c.sha,
      node_id: full.node_id,
      url: full.commit.url,
      html_url: full.html_url,
      author: person,
      committer: person,
      message: c.message,
      tree: full.commit.tree,
      parents: full.parents,
      verification: unverified,
    },
  }
}
