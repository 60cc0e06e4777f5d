// Per-person state: one record per employee_id, compare-and-swap writes, backends `github` and `file`.

export * from './all.js'
export * from './converge.js'
export * from './errors.js'
export * from './file.js'
export * from './github.js'
export * from './granted.js'
export * from './grants.js'
export * from './ledger.js'
export * from './open.js'
export * from './record.js'
export * from './step.js'
export * from './tasks.js'
