// The light entry point: contracts, plan, retry policy, reconcile loop, action I/O. SDK client factories
// live behind subpaths (`@onramp/core/github`, `/aws`, `/slack`) so an action bundles only its own SDK.

export * from './audit.js'
export * from './clock.js'
export * from './config.js'
export * from './email.js'
export * from './errors.js'
export * from './event.js'
export * from './io.js'
export * from './name.js'
export * from './plan.js'
export * from './reconcile.js'
export * from './retry.js'
export * from './signature.js'
export * from './summary.js'
export * from './types.js'
export { parseYaml } from './yaml.js'
