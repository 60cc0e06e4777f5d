// GitHub's GraphQL API, the part onramp uses: an organization's SAML identities (name id → account), the emails
// of a member on the organization's verified domains, a repository's branch head and git objects by oid (the
// ledger reads many records in one query), and createCommitOnBranch (several files in one commit, a
// compare-and-swap on the branch's head: the ledger's batch commit). Executed by graphql-js against a slice of GitHub's
// schema (every type, field and argument below exists in GitHub's published schema with the same type; the
// contract test checks it against `@octokit/graphql-schema`), so answers have GitHub's shapes.
import {
  buildClientSchema,
  buildSchema,
  type DocumentNode,
  type GraphQLError,
  type GraphQLSchema,
  isObjectType,
  Kind,
  OperationTypeNode,
  parse,
  execute as run,
  validate,
} from 'graphql'

export const SDL = /* GraphQL */ `
  type Query {
    organization(login: String!): Organization
    user(login: String!): User
    repository(owner: String!, name: String!): Repository
  }
  type Mutation {
    createCommitOnBranch(input: CreateCommitOnBranchInput!): CreateCommitOnBranchPayload
  }
  scalar GitObjectID
  scalar Base64String
  scalar URI
  input CreateCommitOnBranchInput {
    clientMutationId: String
    branch: CommittableBranch!
    fileChanges: FileChanges
    message: CommitMessage!
    expectedHeadOid: GitObjectID!
  }
  input CommittableBranch {
    id: ID
    repositoryNameWithOwner: String
    branchName: String
  }
  input FileChanges {
    deletions: [FileDeletion!] = []
    additions: [FileAddition!] = []
  }
  input FileAddition {
    path: String!
    contents: Base64String!
  }
  input FileDeletion {
    path: String!
  }
  input CommitMessage {
    headline: String!
    body: String
  }
  type CreateCommitOnBranchPayload {
    clientMutationId: String
    commit: Commit
    ref: Ref
  }
  interface GitObject {
    oid: GitObjectID!
  }
  type Commit implements GitObject {
    oid: GitObjectID!
    url: URI!
    tree: Tree!
  }
  type Tree implements GitObject {
    oid: GitObjectID!
  }
  type Blob implements GitObject {
    oid: GitObjectID!
    byteSize: Int!
    text: String
    isTruncated: Boolean!
  }
  type Repository {
    ref(qualifiedName: String!): Ref
    object(oid: GitObjectID): GitObject
  }
  type Ref {
    name: String!
    prefix: String!
    target: GitObject
  }
  type Organization {
    login: String!
    databaseId: Int
    samlIdentityProvider: OrganizationIdentityProvider
  }
  type OrganizationIdentityProvider {
    id: ID!
    externalIdentities(
      after: String
      before: String
      first: Int
      last: Int
      login: String
      membersOnly: Boolean
      userName: String
    ): ExternalIdentityConnection!
  }
  type ExternalIdentityConnection {
    edges: [ExternalIdentityEdge]
    nodes: [ExternalIdentity]
    pageInfo: PageInfo!
    totalCount: Int!
  }
  type ExternalIdentityEdge {
    cursor: String!
    node: ExternalIdentity
  }
  type ExternalIdentity {
    guid: String!
    id: ID!
    samlIdentity: ExternalIdentitySamlAttributes
    user: User
  }
  type ExternalIdentitySamlAttributes {
    nameId: String
    username: String
  }
  type PageInfo {
    endCursor: String
    hasNextPage: Boolean!
    hasPreviousPage: Boolean!
    startCursor: String
  }
  type User {
    login: String!
    databaseId: Int
    organizationVerifiedDomainEmails(login: String!): [String!]!
  }
`

/** What the emulator answers from. */
export interface GraphqlData {
  org(login: string): { login: string; id: number } | undefined
  user(login: string): { login: string; id: number } | undefined
  /** The org's SAML identities in creation order; undefined when the org has no SAML SSO configured. */
  samlIdentities(org: string): { guid: string; nameId: string; login: string | null }[] | undefined
  /** Emails of the user on the org's verified domains; empty unless the user is a member. */
  verifiedDomainEmails(org: string, login: string): string[]
  /** A git object of `repository` (owner/name) by oid; undefined when the repository has none of that name. */
  object(repository: string, oid: string): GitObjectData | undefined
  /** The commit a branch of `repository` points at. */
  branchHead(repository: string, branch: string): string | undefined
  /** Whether `repository` (owner/name) exists for this token. */
  hasRepository(repository: string): boolean
  /**
   * A commit on `branch` of `repository` (owner/name) whose parent is `expectedHead`, with the files added (decoded
   * contents) and deleted; throws a TypedError as GitHub answers (NOT_FOUND, STALE_DATA, UNPROCESSABLE).
   */
  commitOnBranch(change: {
    repository: string
    branch: string
    expectedHead: string
    message: string
    additions: { path: string; contents: Buffer }[]
    deletions: string[]
  }): { oid: string; url: string; tree: string }
}

export type GitObjectData =
  | { type: 'commit'; oid: string; tree: string; url: string }
  | { type: 'tree'; oid: string }
  | { type: 'blob'; oid: string; content: Buffer }

/** GitHub cuts `Blob.text` at 512,000 bytes and says so in `isTruncated` (the REST blob read has the rest). */
export const BLOB_TEXT_LIMIT = 512_000

/** A GitHub GraphQL error: GitHub adds a `type` (NOT_FOUND, …) beside the spec's fields. */
export class TypedError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message)
  }
}

let sliceSchema: GraphQLSchema | undefined
const slice = () => (sliceSchema ??= buildSchema(SDL))

/** GitHub's published schema, for the emulator's `validate` mode and the contract test (a few hundred ms). */
let published: Promise<GraphQLSchema> | undefined
export function publishedSchema(): Promise<GraphQLSchema> {
  published ??= import('@octokit/graphql-schema').then((m) => buildClientSchema(m.schema.json as never))
  return published
}

/** What GitHub's published schema finds wrong with a query (none: GitHub would run it), and the slice too. */
export async function checkGithubGraphql(query: string): Promise<string[]> {
  const document = parse(query)
  return [...validate(await publishedSchema(), document), ...validate(slice(), document)].map((e) => e.message)
}

/** Fields or arguments of the slice that GitHub's schema lacks or types differently (none expected). */
export function differencesFrom(real: GraphQLSchema): string[] {
  const out: string[] = []
  for (const type of Object.values(slice().getTypeMap())) {
    if (type.name.startsWith('__') || !isObjectType(type)) continue
    const theirs = real.getType(type.name)
    if (!theirs || !isObjectType(theirs)) {
      out.push(`type ${type.name} is not an object type at GitHub`)
      continue
    }
    for (const field of Object.values(type.getFields())) {
      const t = theirs.getFields()[field.name]
      if (!t) out.push(`${type.name}.${field.name} does not exist at GitHub`)
      else if (String(t.type) !== String(field.type))
        out.push(`${type.name}.${field.name}: ${field.type} here, ${t.type} at GitHub`)
      else
        for (const arg of field.args) {
          const a = t.args.find((x) => x.name === arg.name)
          if (!a || String(a.type) !== String(arg.type))
            out.push(`${type.name}.${field.name}(${arg.name}): ${arg.type} here, ${a?.type ?? 'absent'} at GitHub`)
        }
    }
  }
  return out
}

export interface GraphqlRequest {
  query?: unknown
  variables?: unknown
  operationName?: unknown
}

/** Whether a POST /graphql body asks for a mutation (the operation it names, else its only one). */
export function isGraphqlMutation(req: { json(): unknown }): boolean {
  try {
    const body = req.json() as GraphqlRequest | undefined
    if (typeof body?.query !== 'string') return false
    const ops = parse(body.query).definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION)
    const op = ops.find((d) => d.name?.value === body.operationName) ?? (ops.length === 1 ? ops[0] : undefined)
    return op?.operation === OperationTypeNode.MUTATION
  } catch {
    return false
  }
}

export type GraphqlCheck = (document: DocumentNode) => readonly GraphQLError[]

/** One POST /graphql: `{data}` and/or `{errors}`, always HTTP 200 once the body is a GraphQL request. */
export function executeGraphql(data: GraphqlData, body: GraphqlRequest, check?: GraphqlCheck) {
  if (typeof body?.query !== 'string')
    return { status: 400, body: { message: 'A query attribute must be specified and must be a string.' } }
  let document: DocumentNode
  try {
    document = parse(body.query)
  } catch (error) {
    return { status: 200, body: { errors: [shape(error as GraphQLError)] } }
  }
  const invalid = [...(check?.(document) ?? []), ...validate(slice(), document)]
  if (invalid.length) return { status: 200, body: { errors: dedupe(invalid.map(shape)) } }
  const result = run({
    schema: slice(),
    document,
    rootValue: root(data),
    variableValues: (body.variables ?? undefined) as Record<string, unknown> | undefined,
    operationName: typeof body.operationName === 'string' ? body.operationName : undefined,
  }) as { data?: unknown; errors?: readonly GraphQLError[] }
  return {
    status: 200,
    body: {
      ...(result.data !== undefined ? { data: result.data } : {}),
      ...(result.errors ? { errors: result.errors.map(shape) } : {}),
    },
  }
}

const dedupe = <T>(xs: T[]) => [...new Map(xs.map((x) => [JSON.stringify(x), x])).values()]

function shape(e: GraphQLError) {
  const type = e.originalError instanceof TypedError ? e.originalError.type : undefined
  return {
    ...(type ? { type } : {}),
    ...(e.path ? { path: e.path } : {}),
    ...(e.locations ? { locations: e.locations } : {}),
    message: e.message,
  }
}

const cursor = (n: number) => Buffer.from(`cursor:v2:${n}`).toString('base64')
const offsetOf = (c: string) => {
  const m = /^cursor:v2:(\d+)$/.exec(Buffer.from(c, 'base64').toString('utf8'))
  if (!m) throw new TypedError('INVALID_CURSOR_ARGUMENTS', `\`${c}\` does not appear to be a valid cursor.`)
  return Number(m[1]) + 1
}

function root(data: GraphqlData) {
  const userNode = (login: string) => {
    const u = data.user(login)
    return (
      u && {
        login: u.login,
        databaseId: u.id,
        organizationVerifiedDomainEmails: (a: { login: string }) => data.verifiedDomainEmails(a.login, u.login),
      }
    )
  }
  return {
    organization: ({ login }: { login: string }) => {
      const o = data.org(login)
      if (!o) throw new TypedError('NOT_FOUND', `Could not resolve to an Organization with the login of '${login}'.`)
      const identities = data.samlIdentities(o.login)
      return {
        login: o.login,
        databaseId: o.id,
        samlIdentityProvider: identities && {
          id: Buffer.from(`034:OrganizationIdentityProvider${o.id}`).toString('base64'),
          externalIdentities: (a: {
            first?: number
            last?: number
            after?: string
            login?: string
            userName?: string
          }) => {
            if (a.first === undefined && a.last === undefined)
              throw new TypedError(
                'MISSING_PAGINATION_BOUNDARIES',
                'You must provide a `first` or `last` value to properly paginate the `externalIdentities` connection.',
              )
            const n = a.first ?? a.last!
            if (n > 100 || n < 0)
              throw new TypedError(
                'EXCESSIVE_PAGINATION',
                `Requesting ${n} records on the \`externalIdentities\` connection exceeds the \`${a.first !== undefined ? 'first' : 'last'}\` limit of 100 records.`,
              )
            const all = identities
              .map((x, i) => ({ ...x, i }))
              .filter(
                (x) =>
                  (a.login === undefined || sameText(x.login, a.login)) &&
                  (a.userName === undefined || sameText(x.nameId, a.userName)),
              )
            const start = a.after ? offsetOf(a.after) : 0
            const from = all.findIndex((x) => x.i >= start)
            const rest = from < 0 ? [] : all.slice(from)
            const page = a.first !== undefined ? rest.slice(0, n) : all.slice(Math.max(0, all.length - n))
            const edges = page.map((x) => ({
              cursor: cursor(x.i),
              node: {
                guid: x.guid,
                id: Buffer.from(`016:ExternalIdentity${x.guid}`).toString('base64'),
                samlIdentity: { nameId: x.nameId, username: null },
                user: x.login === null ? null : userNode(x.login),
              },
            }))
            return {
              edges,
              nodes: edges.map((e) => e.node),
              totalCount: all.length,
              pageInfo: {
                startCursor: edges[0]?.cursor ?? null,
                endCursor: edges.at(-1)?.cursor ?? null,
                hasNextPage: a.first !== undefined && rest.length > page.length,
                hasPreviousPage: from > 0,
              },
            }
          },
        },
      }
    },
    user: ({ login }: { login: string }) => {
      const u = userNode(login)
      if (!u) throw new TypedError('NOT_FOUND', `Could not resolve to a User with the login of '${login}'.`)
      return u
    },
    repository: ({ owner, name }: { owner: string; name: string }) => {
      const full = `${owner}/${name}`
      if (!data.hasRepository(full))
        throw new TypedError('NOT_FOUND', `Could not resolve to a Repository with the name '${full}'.`)
      const object = (oid: string | undefined) => {
        const o = oid === undefined ? undefined : data.object(full, oid)
        if (!o) return null
        if (o.type === 'commit') return { __typename: 'Commit', ...o, tree: { __typename: 'Tree', oid: o.tree } }
        if (o.type === 'tree') return { __typename: 'Tree', oid: o.oid }
        const cut = o.content.length > BLOB_TEXT_LIMIT
        return {
          __typename: 'Blob',
          oid: o.oid,
          byteSize: o.content.length,
          text: o.content.subarray(0, BLOB_TEXT_LIMIT).toString('utf8'),
          isTruncated: cut,
        }
      }
      return {
        object: ({ oid }: { oid?: string }) => object(oid),
        ref: ({ qualifiedName }: { qualifiedName: string }) => {
          // A bare name means a branch, as GitHub resolves it; a tag is not needed here.
          const branch = qualifiedName.replace(/^refs\/heads\//, '')
          const head = data.branchHead(full, branch)
          return head === undefined ? null : { name: branch, prefix: 'refs/heads/', target: object(head) }
        },
      }
    },
    createCommitOnBranch: ({ input }: { input: CommitOnBranchInput }) => {
      const { branch, fileChanges, message, expectedHeadOid, clientMutationId } = input
      if (branch.id || !branch.repositoryNameWithOwner || !branch.branchName)
        throw new TypedError('UNPROCESSABLE', 'A branch is given here by repositoryNameWithOwner and branchName.')
      const additions = fileChanges?.additions ?? []
      const deletions = (fileChanges?.deletions ?? []).map((d) => d.path)
      const paths = [...additions.map((a) => a.path), ...deletions]
      if (new Set(paths).size !== paths.length)
        throw new TypedError('UNPROCESSABLE', 'A path was given more than once in the file changes.')
      const decoded = additions.map((a) => {
        // RFC 4648 base64 with its padding, and nothing outside the standard alphabet.
        if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(a.contents))
          throw new TypedError('UNPROCESSABLE', `The contents of ${a.path} are not valid base64.`)
        return { path: a.path, contents: Buffer.from(a.contents, 'base64') }
      })
      const name = branch.branchName.replace(/^refs\/heads\//, '')
      const commit = data.commitOnBranch({
        repository: branch.repositoryNameWithOwner,
        branch: name,
        expectedHead: expectedHeadOid,
        message: message.body ? `${message.headline}\n\n${message.body}` : message.headline,
        additions: decoded,
        deletions,
      })
      const node = { __typename: 'Commit', ...commit, tree: { __typename: 'Tree', oid: commit.tree } }
      return {
        clientMutationId: clientMutationId ?? null,
        commit: node,
        ref: { name, prefix: 'refs/heads/', target: node },
      }
    },
  }
}

interface CommitOnBranchInput {
  clientMutationId?: string
  branch: { id?: string; repositoryNameWithOwner?: string; branchName?: string }
  fileChanges?: { additions?: { path: string; contents: string }[]; deletions?: { path: string }[] }
  message: { headline: string; body?: string }
  expectedHeadOid: string
}

const sameText = (a: string | null, b: string) => a !== null && a.toLowerCase() === b.toLowerCase()
