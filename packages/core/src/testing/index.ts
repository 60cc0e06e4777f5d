// Test helpers (`@onramp/core/testing`): never imported by an action's production code.
export * from './clock.js'
export * from './events.js'
export * from './http.js'
export * from './process-state.js'
export * from './run-bundle.js'
