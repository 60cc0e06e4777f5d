import { runAction } from '@onramp/core'
import { readInputs, run } from './main.js'

await runAction(() => run(readInputs()).then(() => undefined))
