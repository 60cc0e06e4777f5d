import * as core from '@actions/core'
import { resetPersonalData } from '../io.js'

/**
 * What an in-process action run keeps for the rest of the process, reset as a new process would have it:
 * @actions/core's summary keeps the first GITHUB_STEP_SUMMARY path it reads (and its unwritten buffer), and the
 * personal data registry every value masked so far.
 */
export function resetProcessState(): void {
  Object.assign(core.summary, { _filePath: undefined })
  core.summary.emptyBuffer()
  resetPersonalData()
}
