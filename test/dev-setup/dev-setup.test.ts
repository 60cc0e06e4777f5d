// scripts/dev-setup against local bare repositories (ONRAMP_GIT_BASE=file://…) with a controlled PATH and HOME:
// idempotent across two runs, and its checks catch a missing tool and a wrong version.
import { execFileSync, spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const script = new URL('../../scripts/dev-setup', import.meta.url).pathname
const nodeMajor = process.versions.node.split('.')[0]!
let root: string
let env: Record<string, string>

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env, stdio: 'pipe' })

/** A bare repository `<root>/remotes/<owner>/<name>.git` holding `files`. */
function bareRepo(repo: string, files: Record<string, string>, executable: string[] = []) {
  const work = join(root, 'work', repo)
  mkdirSync(work, { recursive: true })
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(work, path)), { recursive: true })
    writeFileSync(join(work, path), content)
  }
  for (const path of executable) chmodSync(join(work, path), 0o755)
  git(work, 'init', '-q', '-b', 'main')
  git(work, 'add', '.')
  git(work, 'commit', '-q', '-m', 'fixture')
  git(root, 'clone', '-q', '--bare', work, join(root, 'remotes', `${repo}.git`))
}

function devSetup(args: string[], extraEnv: Record<string, string> = {}) {
  const r = spawnSync('bash', [script, ...args], { env: { ...env, ...extraEnv }, encoding: 'utf8', timeout: 20_000 })
  return { code: r.status, out: `${r.stdout}${r.stderr}` }
}

/** The table row of a check: `[result, detail]`. */
function row(out: string, check: string): [string, string] | undefined {
  const line = out.split('\n').find((l) => l.startsWith(`${check} `))
  const m = line && /^.*?\s{2,}(PASS|FAIL|SKIP)\s+(.*)$/.exec(line)
  return m ? [m[1]!, m[2]!] : undefined
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'onramp-dev-setup-'))
  const home = join(root, 'home')
  const bin = join(root, 'bin')
  mkdirSync(home, { recursive: true })
  mkdirSync(bin, { recursive: true })
  // A tool at a known version, on a PATH the test controls.
  writeFileSync(join(bin, 'terraform'), '#!/bin/sh\necho "Terraform v1.5.7"\n')
  chmodSync(join(bin, 'terraform'), 0o755)
  // An AWS CLI that knows one profile, not the one onramp's roles use.
  writeFileSync(join(bin, 'aws'), '#!/bin/sh\n[ "$1 $2" = "configure list-profiles" ] && echo default\n')
  chmodSync(join(bin, 'aws'), 0o755)
  writeFileSync(join(home, '.gitconfig'), '[user]\n\tname = New Hire\n\temail = hire@example.test\n')
  env = {
    PATH: `${bin}:${dirname(process.execPath)}:/usr/local/bin:/usr/bin:/bin`,
    HOME: home,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_DATE: '2026-11-26T00:00:00Z',
    GIT_COMMITTER_DATE: '2026-11-26T00:00:00Z',
    ONRAMP_GIT_BASE: `file://${join(root, 'remotes')}/`,
    ONRAMP_WORKSPACE: join(root, 'src'),
    ONRAMP_ROLES_FILE: join(root, 'roles.yaml'),
  }
  // Each run of the installer leaves a line: it runs every time, and is itself idempotent.
  const setup = '#!/usr/bin/env bash\nset -e\necho ran >> ../installer-runs\nmkdir -p .deps && touch .deps/ready\n'
  bareRepo('acme/api', { '.nvmrc': `${nodeMajor}\n`, 'script/setup': setup, 'README.md': 'api\n' }, ['script/setup'])
  bareRepo('acme/dev-env', { '.tool-versions': `nodejs ${process.versions.node}\nterraform 1.5.7\n` })
  // No installer script: the lockfile picks the package manager (no dependencies, so npm ci needs no network).
  const pkg = { name: 'web', version: '1.0.0', private: true }
  bareRepo('acme/web', {
    'package.json': JSON.stringify(pkg),
    'package-lock.json': JSON.stringify({ ...pkg, lockfileVersion: 3, requires: true, packages: { '': pkg } }),
  })
  bareRepo('acme/infra', { '.tool-versions': 'terraform 1.9.0\nopentofu 1.8.0\n' })
  writeFileSync(
    env.ONRAMP_ROLES_FILE!,
    [
      'version: 1',
      'roles:',
      '  backend-engineer:',
      '    description: Builds and runs the API',
      '    identity: { groups: [engineering] }',
      '    setup: { repos: [acme/api, acme/dev-env, acme/web] }',
      '  platform-engineer:',
      '    description: Runs the platform',
      '    aws:',
      '      groups: [developers]',
      '    setup:',
      '      repos:',
      '        - acme/api',
      '        - acme/infra',
      '',
    ].join('\n'),
  )
})

afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('dev-setup', () => {
  it('clones, installs and passes every check; a second run changes nothing and passes again', () => {
    const first = devSetup(['backend-engineer'])
    expect(first.code, first.out).toBe(0)
    expect(first.out).toContain('acme/api: cloned')
    expect(row(first.out, 'clone acme/api')?.[0]).toBe('PASS')
    expect(row(first.out, 'install acme/api')).toEqual(['PASS', 'script/setup'])
    expect(row(first.out, 'install acme/dev-env')).toEqual(['SKIP', 'no installer found'])
    expect(row(first.out, 'install acme/web')).toEqual(['PASS', 'npm ci'])
    expect(row(first.out, 'git configured')?.[0]).toBe('PASS')
    expect(row(first.out, 'access to acme')?.[0]).toBe('PASS')
    expect(row(first.out, `node ${nodeMajor}`)?.[0]).toBe('PASS')
    expect(row(first.out, `node ${process.versions.node}`)?.[0]).toBe('PASS')
    expect(row(first.out, 'terraform 1.5.7')).toEqual(['PASS', 'found 1.5.7 (dev-env/.tool-versions)'])
    expect(first.out).toContain('All checks passed')
    const src = env.ONRAMP_WORKSPACE!
    const head = git(join(src, 'api'), 'rev-parse', 'HEAD').toString()
    writeFileSync(join(src, 'api', 'local-work.txt'), 'uncommitted work\n')

    const second = devSetup(['backend-engineer'])
    expect(second.code, second.out).toBe(0)
    expect(second.out).toContain('acme/api: present, left as it is')
    expect(second.out).not.toContain('cloned')
    expect(git(join(src, 'api'), 'rev-parse', 'HEAD').toString()).toBe(head)
    expect(readFileSync(join(src, 'api', 'local-work.txt'), 'utf8')).toBe('uncommitted work\n')
    expect(readFileSync(join(src, 'installer-runs'), 'utf8')).toBe('ran\nran\n')
    expect(existsSync(join(src, 'api', '.deps', 'ready'))).toBe(true)
  })

  it('catches a wrong version, a missing tool and a missing AWS profile, with the fix, and exits non-zero', () => {
    const r = devSetup(['platform-engineer'])
    expect(r.code, r.out).toBe(1)
    expect(row(r.out, 'terraform 1.9.0')).toEqual([
      'FAIL',
      'found 1.5.7, infra/.tool-versions wants 1.9.0: install it, e.g. mise use -g terraform@1.9.0',
    ])
    expect(row(r.out, 'opentofu 1.8.0')).toEqual([
      'FAIL',
      'opentofu not found (infra/.tool-versions): install opentofu 1.8.0, e.g. mise use -g opentofu@1.8.0',
    ])
    // The role has AWS access: its profile is checked.
    expect(row(r.out, 'aws profile onramp')).toEqual(['FAIL', 'aws configure sso --profile onramp'])
    expect(row(r.out, `node ${nodeMajor}`)?.[0]).toBe('PASS')
    expect(r.out).toMatch(/3 check\(s\) failed/)
  })

  it('reads a role file instead of roles.yaml, and flags git that is not configured', () => {
    const file = join(root, 'role')
    writeFileSync(file, '# from the welcome link\nrole=backend-engineer\nrepos=acme/dev-env\naws=false\n')
    const home = join(root, 'empty-home')
    mkdirSync(home, { recursive: true })
    const r = devSetup(['--role-file', file], { HOME: home, ONRAMP_ROLES_FILE: '/nonexistent' })
    expect(r.code, r.out).toBe(1)
    expect(r.out).toContain('role backend-engineer: 1 repositories')
    expect(row(r.out, 'git configured')?.[0]).toBe('FAIL')
    expect(row(r.out, 'git configured')?.[1]).toContain('git config --global user.name')
    expect(r.out).not.toContain('acme/api')
  })

  it('takes the repositories from the command line the welcome email prints, without roles.yaml', () => {
    const r = devSetup(['platform-engineer', '--repos', 'acme/dev-env', '--aws'], {
      ONRAMP_ROLES_FILE: '/nonexistent',
      ONRAMP_WORKSPACE: join(root, 'src-3'),
    })
    expect(r.code, r.out).toBe(1)
    expect(r.out).toContain('role platform-engineer: 1 repositories')
    expect(row(r.out, 'clone acme/dev-env')?.[0]).toBe('PASS')
    expect(row(r.out, 'aws profile onramp')?.[0]).toBe('FAIL')
    expect(devSetup(['platform-engineer', '--repos', 'acme/api;touch x']).code).toBe(2)
  })

  it('refuses an unknown role, a malformed role and a role file that tries to run code', () => {
    expect(devSetup(['no-such-role']).code).toBe(2)
    expect(devSetup(['../../etc']).code).toBe(2)
    const file = join(root, 'evil-role')
    writeFileSync(file, 'role=$(touch pwned)\nrepos=acme/api\n')
    const r = devSetup(['--role-file', file])
    expect(r.code).toBe(2)
    expect(existsSync(join(root, 'pwned'))).toBe(false)
    const unknownKey = join(root, 'unknown-key-role')
    writeFileSync(unknownKey, 'role=backend-engineer\nPATH=/tmp\n')
    expect(devSetup(['--role-file', unknownKey]).out).toContain('unknown key PATH')
  })

  it('reports an unreachable remote as a failed clone and a failed access check', () => {
    const r = devSetup(['backend-engineer'], {
      ONRAMP_GIT_BASE: `file://${join(root, 'nowhere')}/`,
      ONRAMP_WORKSPACE: join(root, 'src-2'),
    })
    expect(r.code).toBe(1)
    expect(row(r.out, 'clone acme/api')?.[0]).toBe('FAIL')
    expect(row(r.out, 'access to acme')?.[1]).toContain('SSH key')
  })
})

describe('dev-setup with IAM Identity Center', () => {
  const fixtures = new URL('../fixtures/access-identity-center/', import.meta.url).pathname
  const FAKE_AWS = `#!/bin/sh
# An AWS CLI for the Identity Center path: sso login caches a token; list-account-roles answers per account with
# the token; sts get-caller-identity answers the account of a profile the config holds, once a token is cached.
cache="$HOME/.aws/sso/cache/$(printf onramp | sha1sum | cut -d' ' -f1).json"
echo "$1 $2" >> "$HOME/aws-calls"
case "$1 $2" in
"sso login") mkdir -p "$(dirname "$cache")"; printf '{"startUrl": "x", "accessToken": "tok-123"}' > "$cache" ;;
"sso list-account-roles")
  [ "$6" = tok-123 ] || exit 255
  case "$4" in
  123456789012) printf 'ReadOnly\\tDataAnalyst\\n' ;;
  210987654321) [ -n "$FAKE_NOTHING_IN_210" ] || printf 'PowerUser\\n' ;;
  *) exit 255 ;;
  esac ;;
"sts get-caller-identity")
  [ -f "$cache" ] && [ -z "$FAKE_STS_FAIL" ] || exit 255
  awk -v p="[profile $4]" '$0 == p { f = 1; next } /^\\[/ { f = 0 } f && $1 == "sso_account_id" { print $3; n = 1 } END { exit !n }' "$HOME/.aws/config" ;;
*) exit 2 ;;
esac
`
  let home: string
  let icEnv: Record<string, string>
  const calls = () => readFileSync(join(home, 'aws-calls'), 'utf8').trim().split('\n')

  beforeAll(() => {
    home = join(root, 'ic-home')
    const bin = join(root, 'ic-bin')
    mkdirSync(join(home, '.aws'), { recursive: true })
    mkdirSync(bin, { recursive: true })
    writeFileSync(join(bin, 'aws'), FAKE_AWS)
    chmodSync(join(bin, 'aws'), 0o755)
    writeFileSync(join(home, '.gitconfig'), '[user]\n\tname = New Hire\n\temail = hire@example.test\n')
    writeFileSync(join(home, '.aws', 'config'), '[profile personal]\nregion = eu-west-1\n')
    icEnv = {
      HOME: home,
      PATH: `${bin}:${env.PATH}`,
      ONRAMP_ROLES_FILE: join(fixtures, 'roles.yaml'),
      ONRAMP_WORKSPACE: join(root, 'ic-src'),
    }
  })

  it('writes the sso-session and one profile per permission set in each of the role’s accounts; each resolves', () => {
    const r = devSetup(['backend-engineer'], icEnv)
    expect(r.code, r.out).toBe(0)
    expect(row(r.out, 'aws sso-session onramp')).toEqual(['PASS', 'https://acme.awsapps.com/start (us-east-1)'])
    for (const p of [
      'onramp-123456789012-ReadOnly',
      'onramp-123456789012-DataAnalyst',
      'onramp-210987654321-PowerUser',
    ])
      expect(row(r.out, `aws profile ${p}`)).toEqual(['PASS', `aws sts get-caller-identity --profile ${p}`])
    const config = readFileSync(join(home, '.aws', 'config'), 'utf8')
    expect(config).toContain('[profile personal]\nregion = eu-west-1\n')
    expect(config).toContain(
      '[sso-session onramp]\nsso_start_url = https://acme.awsapps.com/start\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n',
    )
    expect(config).toContain(
      '[profile onramp-210987654321-PowerUser]\nsso_session = onramp\nsso_account_id = 210987654321\nsso_role_name = PowerUser\nregion = us-east-1\n',
    )
    expect(calls().filter((c) => c === 'sso login')).toHaveLength(1)

    // Again: signed in already, the same config, the same passes.
    const again = devSetup(['backend-engineer'], icEnv)
    expect(again.code, again.out).toBe(0)
    expect(readFileSync(join(home, '.aws', 'config'), 'utf8')).toBe(config)
    expect(calls().filter((c) => c === 'sso login')).toHaveLength(1)
  })

  it('a profile that does not resolve, and an account with nothing assigned yet, fail with the fix', () => {
    const r = devSetup(['backend-engineer'], { ...icEnv, FAKE_STS_FAIL: '1', FAKE_NOTHING_IN_210: '1' })
    expect(r.code, r.out).toBe(1)
    expect(row(r.out, 'aws profile onramp-123456789012-ReadOnly')).toEqual([
      'FAIL',
      'aws sso login --sso-session onramp, then aws sts get-caller-identity --profile onramp-123456789012-ReadOnly',
    ])
    expect(row(r.out, 'aws account 210987654321')?.[0]).toBe('FAIL')
    // The profile of a permission set no longer listed is gone from the config.
    expect(readFileSync(join(home, '.aws', 'config'), 'utf8')).not.toContain('onramp-210987654321-PowerUser')
  })

  it('takes the portal and accounts from the command line the welcome email prints, and refuses bad ones', () => {
    const args = [
      'backend-engineer',
      '--repos',
      'acme/dev-env',
      '--aws-sso',
      'https://acme.awsapps.com/start,us-east-1',
    ]
    const r = devSetup([...args, '--aws-accounts', '123456789012'], { ...icEnv, ONRAMP_ROLES_FILE: '/nonexistent' })
    expect(r.code, r.out).toBe(0)
    expect(row(r.out, 'aws profile onramp-123456789012-ReadOnly')?.[0]).toBe('PASS')
    expect(r.out).not.toContain('210987654321')
    expect(devSetup([...args, '--aws-accounts', '1234;rm'], icEnv).code).toBe(2)
    const badUrl = ['backend-engineer', '--repos', 'acme/dev-env', '--aws-sso', 'http://evil/$(x),us-east-1']
    expect(devSetup([...badUrl, '--aws-accounts', '123456789012'], icEnv).code).toBe(2)
  })
})
