/** The stored record changed since it was read: re-read, re-apply the mutation, try again. */
export class ConflictError extends Error {
  constructor(employeeId: string, options?: { cause?: unknown }) {
    super(`ledger record ${employeeId} changed concurrently`, options)
    this.name = 'ConflictError'
  }
}
