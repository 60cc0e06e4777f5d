// The documented user-name rule: IAM's character set, at most 64, one user regardless of case, never the domain.
import { describe, expect, it } from 'vitest'
import { userNameFor } from '../src/username.js'

const IAM_NAME = /^[\w+=,.@-]{1,64}$/

describe('userNameFor', () => {
  it('is the lower-cased local part plus the lower-cased employee id', () => {
    expect(userNameFor('jamie.doe@acme.com', 'E1042')).toBe('jamie.doe+e1042')
  })

  it('maps Alice.Smith and alice.smith (and the domain case) to the same name', () => {
    expect(userNameFor('Alice.Smith@ACME.com', 'E7')).toBe(userNameFor('alice.smith@acme.com', 'E7'))
  })

  it('keeps two people with one local part apart', () => {
    expect(userNameFor('sam@acme.com', 'E1')).not.toBe(userNameFor('sam@acme.co.uk', 'E2'))
  })

  it('replaces characters outside the IAM set (and the + separator) and never includes the domain', () => {
    const name = userNameFor('jamie+aws/ops é@acme.com', 'E1042')
    expect(name).toBe('jamie-aws-ops--+e1042')
    expect(name).toMatch(IAM_NAME)
    expect(name).not.toContain('acme')
  })

  it('fits 64 characters with the longest local part and employee id', () => {
    const long = userNameFor(`${'a'.repeat(64)}@acme.com`, 'X'.repeat(64))
    expect(long).toMatch(IAM_NAME)
    expect(long).toHaveLength(64)
    expect(long).toMatch(/\+h[0-9a-f]{12}$/)
    expect(userNameFor(`${'a'.repeat(64)}@acme.com`, 'E1042')).toHaveLength(64)
    // Still distinct per employee, and stable.
    expect(long).not.toBe(userNameFor(`${'a'.repeat(64)}@acme.com`, 'Y'.repeat(64)))
    expect(long).toBe(userNameFor(`${'a'.repeat(64)}@acme.com`, 'X'.repeat(64)))
  })
})
