// Types for the generated standalone validators (see scripts/generate-validators.mjs).
export interface SchemaError {
  instancePath: string
  schemaPath: string
  keyword: string
  params: Record<string, unknown>
  message?: string
}
export interface Validator {
  (data: unknown): boolean
  errors?: SchemaError[] | null
}
export const validateRoles: Validator
export const validateGuardrails: Validator
export const validateGrants: Validator
export const schemas: { roles: Record<string, unknown>; guardrails: Record<string, unknown>; grants: Record<string, unknown> }
