export { type ArtifactPublisher, type UploadedArtifact, uploadArtifact } from './artifacts.js'
export { checkout } from './checkout.js'
export { Masker, parseKeyValueFile, parseWorkflowCommand, type WorkflowCommand } from './commands.js'
export { ConcurrencyGroups, type ConcurrencyOutcome, type ConcurrencyRequest, MAX_QUEUE } from './concurrency.js'
export { detachUserPolicy, removeTeamMembership } from './drift.js'
export { ExpressionFailure, evaluateCondition, evaluateString, evaluateTemplate } from './expressions.js'
export { createPrettyPrinter, formatDuration, type PrinterOptions, printSummaries } from './printer.js'
export { ADDED_TEAM, changedRoles, DROPPED_POLICY } from './role-map-change.js'
export { checkWorkflow, runWorkflow } from './run.js'
export {
  runInSandbox,
  SANDBOX_JOB_TOKEN,
  SANDBOX_REPOSITORY,
  type SandboxRunOptions,
  sandboxConcurrency,
  sandboxEnvironments,
  sandboxSecrets,
  sandboxStandIns,
  sandboxVars,
  withAccessFiles,
} from './sandbox.js'
export * from './types.js'
export { UnsupportedError, WorkflowError } from './workflow.js'
