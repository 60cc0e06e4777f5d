import { runAction } from '@onramp/core'
import { main, readInputs } from './main.js'

await runAction(() => main(readInputs()).then(() => undefined))
