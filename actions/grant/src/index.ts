import { runAction } from '@onramp/core'
import { readInputs, run } from './main.js'

await runAction(async () => {
  await run(readInputs())
})
